//go:build !linux

package syntax

// adviseHuge does nothing outside Linux.
func adviseHuge[T any](b []T) {}
