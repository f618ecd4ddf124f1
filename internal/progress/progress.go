package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/pipeline"
)

// Reporter implements pipeline.Reporter. It is used from one goroutine.
type Reporter struct {
	w        io.Writer
	tty      bool
	every    time.Duration
	last     time.Time
	start    time.Time
	drawn    bool
	barWidth int
}

// New returns a reporter writing to w. When w is a terminal it draws a bar;
// otherwise it logs a line at most every interval.
func New(w io.Writer, interval time.Duration) *Reporter {
	tty := false
	if f, ok := w.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
	}
	return &Reporter{w: w, tty: tty, every: interval, start: time.Now(), barWidth: 30}
}

var _ pipeline.Reporter = (*Reporter)(nil)

// Reject prints one line for a rejected input.
func (r *Reporter) Reject(d model.Diagnostic) {
	r.clear()
	fmt.Fprintf(r.w, "rejected: %s\n", d.String())
}

// Update redraws the bar, or logs a line when the interval has passed.
func (r *Reporter) Update(done, total int64, s *pipeline.Summary) {
	now := time.Now()
	if r.tty {
		if now.Sub(r.last) < 100*time.Millisecond && done < total {
			return
		}
		r.last = now
		frac := 0.0
		if total > 0 {
			frac = min(1, float64(done)/float64(total))
		}
		n := int(frac * float64(r.barWidth))
		fmt.Fprintf(r.w, "\r[%s%s] %3.0f%%  stored %d  duplicate %d  rejected %d  %s ",
			strings.Repeat("=", n), strings.Repeat(" ", r.barWidth-n), frac*100,
			s.Stored, s.Duplicate, s.Rejected, now.Sub(r.start).Round(time.Second))
		r.drawn = true
		return
	}
	if now.Sub(r.last) < r.every {
		return
	}
	r.last = now
	fmt.Fprintf(r.w, "%s ingest: %d/%d bytes read, stored %d, duplicate %d, rejected %d\n",
		now.Format("15:04:05"), done, total, s.Stored, s.Duplicate, s.Rejected)
}

// Finish ends the bar's line.
func (r *Reporter) Finish() { r.clear() }

func (r *Reporter) clear() {
	if r.drawn {
		fmt.Fprint(r.w, "\r\033[K")
		r.drawn = false
	}
}
