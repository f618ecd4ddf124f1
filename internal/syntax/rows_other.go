//go:build !amd64

package syntax

// hasAVX2 is false: this architecture has no vector version of addRows.
var hasAVX2 = false

// addRows adds the dense rows starting at offs (each stride weights long)
// to acc.
func addRows(acc *[256]int32, dense []int16, offs []uint32, stride int) {
	addRowsGo(acc, dense, offs, stride)
}
