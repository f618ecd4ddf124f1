//go:build !amd64

package syntax

// addRows adds the dense rows starting at offs (each stride weights long)
// to acc.
func addRows(acc *[256]int32, dense []int16, offs []uint32, stride int) {
	addRowsGo(acc, dense, offs, stride)
}
