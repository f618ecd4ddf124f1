//go:build !unix

package syntax

import "time"

var processStart = time.Now()

// cpuTime falls back to wall-clock time where rusage is unavailable.
func cpuTime() time.Duration { return time.Since(processStart) }
