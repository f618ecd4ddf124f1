#include "textflag.h"

// func addRowsAVX2(acc *int32, dense *int16, offs *uint32, nrows, npairs int)
//
// For each block of 16 classes, the block's two accumulators (8 int32
// lanes each) stay in Y0 and Y2 while every row's 16 weights are
// sign-extended and added; then the block is stored back to acc.
TEXT ·addRowsAVX2(SB), NOSPLIT, $0-40
	MOVQ acc+0(FP), DI
	MOVQ dense+8(FP), SI
	MOVQ offs+16(FP), R8
	MOVQ nrows+24(FP), R9
	MOVQ npairs+32(FP), R10
	XORQ R11, R11 // byte offset of the block inside a row

block:
	VMOVDQU (DI), Y0
	VMOVDQU 32(DI), Y2
	XORQ CX, CX

row:
	MOVL (R8)(CX*4), AX
	LEAQ (SI)(AX*2), BX
	VPMOVSXWD (BX)(R11*1), Y1
	VPMOVSXWD 16(BX)(R11*1), Y3
	VPADDD Y1, Y0, Y0
	VPADDD Y3, Y2, Y2
	INCQ CX
	CMPQ CX, R9
	JLT row

	VMOVDQU Y0, (DI)
	VMOVDQU Y2, 32(DI)
	ADDQ $64, DI
	ADDQ $32, R11
	DECQ R10
	JNZ block
	VZEROUPPER
	RET
