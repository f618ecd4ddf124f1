//go:build unix

package syntax

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used (user and system), which
// other processes on a shared machine do not inflate the way they inflate
// wall-clock time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
