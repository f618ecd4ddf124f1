package syntax

import "golang.org/x/sys/cpu"

// hasAVX2 is whether addRows can use addRowsAVX2.
var hasAVX2 = cpu.X86.HasAVX2

// addRowsAVX2 adds nrows rows of int16 weights, starting at the offsets
// offs (in weights) from dense, to acc, as int32: npairs times 16 classes.
//
//go:noescape
func addRowsAVX2(acc *int32, dense *int16, offs *uint32, nrows, npairs int)

// addRows adds the dense rows starting at offs (each stride weights long)
// to acc.
func addRows(acc *[256]int32, dense []int16, offs []uint32, stride int) {
	if !hasAVX2 || len(offs) == 0 || stride%16 != 0 || stride > len(acc) {
		addRowsGo(acc, dense, offs, stride)
		return
	}
	for _, o := range offs {
		_ = dense[o+uint32(stride)-1] // every row is inside dense
	}
	addRowsAVX2(&acc[0], &dense[0], &offs[0], len(offs), stride/16)
}
