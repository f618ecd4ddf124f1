package syntax

import (
	"syscall"
	"unsafe"
)

// adviseHuge asks the kernel to back the memory of b with transparent huge
// pages (when the system allows them on request). The model's tables are
// read at random, one cache line per feature: with 4 KB pages nearly every
// lookup also misses the TLB. The advice is best effort; errors are
// ignored.
func adviseHuge[T any](b []T) {
	if len(b) == 0 {
		return
	}
	const huge = 2 << 20
	size := uintptr(len(b)) * unsafe.Sizeof(b[0])
	all := unsafe.Slice((*byte)(unsafe.Pointer(&b[0])), size)
	addr := uintptr(unsafe.Pointer(&b[0]))
	lo := (addr+huge-1)&^(huge-1) - addr
	hi := (addr+size)&^(huge-1) - addr
	if addr+size < huge || hi <= lo || hi > size {
		return
	}
	_ = syscall.Madvise(all[lo:hi], 14) // MADV_HUGEPAGE
}
