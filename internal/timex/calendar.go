package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// anchor is the reference date relative expressions resolve against. A
// zero anchor (ok false) leaves relative expressions unresolved.
type anchor struct {
	t  time.Time
	ok bool
}

// parseAnchor reads YYYY-MM-DD (or a longer ISO timestamp) as an anchor.
func parseAnchor(s string) anchor {
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return anchor{t: t, ok: true}
		}
	}
	return anchor{}
}

func fmtDay(t time.Time) string   { return t.Format("2006-01-02") }
func fmtMonth(t time.Time) string { return t.Format("2006-01") }
func fmtYear(y int) string {
	if y < 0 || y > 9999 {
		return "XXXX"
	}
	return fmt.Sprintf("%04d", y)
}

// fmtWeek formats the ISO week containing t, treating a Sunday as the
// start of the next week the way American news counts weeks.
func fmtWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// newsWeekRef returns the day whose ISO week is "this week" for a text
// written on t: a Sunday belongs to the week that starts the next day.
func newsWeekRef(t time.Time) time.Time {
	if t.Weekday() == time.Sunday {
		return t.AddDate(0, 0, 1)
	}
	return t
}

func quarterOf(t time.Time) int { return (int(t.Month())-1)/3 + 1 }

func fmtQuarter(y, q int) string { return fmt.Sprintf("%s-Q%d", fmtYear(y), q) }

// date builds a calendar date, reporting false when the parts are not a
// real day (February 30).
func date(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// closestYear returns the year (anchor year or a neighbour) that puts
// month m, day d nearest the anchor.
func closestYear(a time.Time, m, d int) int {
	best, bestDist := a.Year(), time.Duration(1<<62)
	for _, y := range []int{a.Year() - 1, a.Year(), a.Year() + 1} {
		dd := d
		if dd < 1 {
			dd = 15
		}
		t, ok := date(y, m, dd)
		if !ok {
			t = time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		}
		dist := t.Sub(a)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best
}

// Precision of a TIMEX3 value: "day", "week", "month", "year", or "" for
// values that are not calendar points (durations, PRESENT_REF...).
// Quarters, halves and seasons report "year": they are coarser than a month.
func precisionOf(value string) string {
	v := value
	if i := strings.IndexByte(v, 'T'); i > 0 {
		v = v[:i]
	}
	switch {
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		return "day"
	case len(v) >= 7 && v[4] == '-' && v[5] == 'W':
		return "week"
	case len(v) == 7 && v[4] == '-' && isDigits(v[5:7]):
		return "month"
	case len(v) == 4 && isDigits(v[:3]):
		return "year"
	case len(v) > 5 && v[4] == '-' && (v[5] == 'Q' || v[5] == 'H' || isSeason(v[5:])):
		return "year"
	}
	return ""
}

func isSeason(s string) bool { return s == "SP" || s == "SU" || s == "FA" || s == "WI" }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// FirstDay returns the first calendar day of a TIMEX3 calendar value
// (2014-09-15, 2014-W38, 2014-09, 2014-Q3, 2014-SU, 2014, 201X) as
// YYYY-MM-DD, and false when the value is not a resolved calendar point.
func FirstDay(value string) (string, bool) {
	v := value
	if i := strings.IndexByte(v, 'T'); i > 0 {
		v = v[:i]
	}
	if len(v) < 4 || !isDigits(v[:3]) {
		return "", false
	}
	if v[3] == 'X' && len(v) == 4 { // decade
		y, _ := strconv.Atoi(v[:3])
		return fmtYear(y*10) + "-01-01", true
	}
	if !isDigits(v[:4]) {
		return "", false
	}
	y, _ := strconv.Atoi(v[:4])
	rest := v[4:]
	switch {
	case rest == "":
		return fmtYear(y) + "-01-01", true
	case len(rest) == 6 && rest[0] == '-' && rest[3] == '-':
		m, _ := strconv.Atoi(rest[1:3])
		d, _ := strconv.Atoi(rest[4:6])
		if t, ok := date(y, m, d); ok {
			return fmtDay(t), true
		}
	case len(rest) == 3 && rest[0] == '-' && isDigits(rest[1:]):
		m, _ := strconv.Atoi(rest[1:3])
		if t, ok := date(y, m, 1); ok {
			return fmtDay(t), true
		}
	case strings.HasPrefix(rest, "-W") && len(rest) >= 4 && isDigits(rest[2:4]):
		w, _ := strconv.Atoi(rest[2:4])
		// Monday of ISO week w: January 4 is always in week 1.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		mon := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		if strings.HasSuffix(rest, "-WE") {
			mon = mon.AddDate(0, 0, 5) // the weekend starts on Saturday
		}
		return fmtDay(mon), true
	case len(rest) == 3 && rest[1] == 'Q' && rest[2] >= '1' && rest[2] <= '4':
		return fmt.Sprintf("%s-%02d-01", fmtYear(y), 3*int(rest[2]-'1')+1), true
	case len(rest) == 3 && rest[1] == 'H' && (rest[2] == '1' || rest[2] == '2'):
		return fmt.Sprintf("%s-%02d-01", fmtYear(y), 6*int(rest[2]-'1')+1), true
	case len(rest) == 3 && isSeason(rest[1:]):
		m := map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}[rest[1:]]
		return fmt.Sprintf("%s-%02d-01", fmtYear(y), m), true
	}
	return "", false
}
