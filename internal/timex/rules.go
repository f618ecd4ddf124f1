package timex

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"time"

	dps "github.com/markusmobius/go-dateparser"
)

// Regular-expression fragments shared by the rules. Month and weekday
// names are matched case-sensitively (capitalised), which keeps the verb
// "march", the modal "may" and the adjective "august" out; other words are
// matched in any case through (?i:...) groups.
const (
	monFull = `January|February|March|April|May|June|July|August|September|October|November|December`
	monAbbr = `Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Sept|Jan|Feb|Apr|Aug|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER`
	mon     = `(?:` + monFull + `|` + monAbbr + `)`
	wday    = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)`
	year4   = `(?:1[6-9]\d\d|20\d\d)`
	partDay = `(?i:morning|afternoon|evening|night|overnight)`
	numWord = `(?:\d+(?:\.\d+)?(?:\s+1/2)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|a|an|a few|few|several|some|many|a couple of|a couple|couple of)`
	unit    = `(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries)`
	approx  = `(?:more than|less than|fewer than|about|around|nearly|almost|over|some|at least|up to|only|roughly|approximately|barely|just|under|another|an additional|the first|the last|the past|the next|the previous|the coming|the following|the latest|the final|the remaining|the)`
)

// rule is one recognition rule: a pattern and the function that
// normalises its match. A named group "t" in the pattern, when present,
// is the expression's span (so a rule may look at a preposition without
// including it).
type rule struct {
	name string
	re   *regexp.Regexp
	norm func(c *ctx, m *match) (typ, value string, ok bool)
	// keys are lower-case words of which a sentence must hold one for the
	// rule to be tried there ("#" stands for any digit): a cheap filter
	// that keeps the regular expressions off most sentences.
	keys []string
	// keyIDs number the keys (see keyIDs).
	keyIDs []int
	// digit says that every match of re holds an ASCII digit, year that
	// it holds a year4 and unit that it holds white space or a hyphen
	// followed by a unit word: text without one need not be searched.
	digit, year, unit bool
}

// requires reports whether every string re matches holds a match of a
// part of re that pred accepts.
func requires(re *syntax.Regexp, pred func(*syntax.Regexp) bool) bool {
	if pred(re) {
		return true
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return requires(re.Sub[0], pred)
	case syntax.OpRepeat:
		return re.Min >= 1 && requires(re.Sub[0], pred)
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if requires(sub, pred) {
				return true
			}
		}
		return false
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !requires(sub, pred) {
				return false
			}
		}
		return len(re.Sub) > 0
	}
	return false
}

// requiresDigit reports whether every string re matches holds an ASCII
// digit (the only characters \d matches).
func requiresDigit(re *syntax.Regexp) bool {
	return requires(re, func(re *syntax.Regexp) bool {
		switch re.Op {
		case syntax.OpLiteral:
			for _, r := range re.Rune {
				if r >= '0' && r <= '9' {
					return true
				}
			}
		case syntax.OpCharClass:
			if len(re.Rune) == 0 {
				return false
			}
			for i := 0; i+1 < len(re.Rune); i += 2 {
				if re.Rune[i] < '0' || re.Rune[i+1] > '9' {
					return false
				}
			}
			return true
		}
		return false
	})
}

// mustParse parses a pattern as regexp.Compile does.
func mustParse(pattern string) *syntax.Regexp {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic("BUG: timex pattern: " + err.Error())
	}
	return re
}

var (
	year4Node = mustParse(year4).String()
	spaceNode = mustParse(`[\s-]`).String()
	unitNode  = mustParse(`(?i:` + unit + `)`).String()
	// unitRe finds what requiresUnit looks for.
	unitRe = regexp.MustCompile(`(?i:[\s-]` + unit + `)`)
)

// requiresYear reports whether every string re matches holds a year4.
func requiresYear(re *syntax.Regexp) bool {
	return requires(re, func(re *syntax.Regexp) bool { return re.String() == year4Node })
}

// requiresUnit reports whether every string re matches holds white space
// or a hyphen ([\s-]+) right before a unit word (a group of unit read
// case-insensitively), as durations do.
func requiresUnit(re *syntax.Regexp) bool {
	return requires(re, func(re *syntax.Regexp) bool {
		if re.Op != syntax.OpConcat {
			return false
		}
		for i := 0; i+1 < len(re.Sub); i++ {
			a, b := re.Sub[i], re.Sub[i+1]
			if a.Op == syntax.OpPlus && a.Sub[0].String() == spaceNode && b.Op == syntax.OpCapture && b.Sub[0].String() == unitNode {
				return true
			}
		}
		return false
	})
}

// hasYear4 reports whether s holds a match of year4.
func hasYear4(s string) bool {
	for i := 0; i+3 < len(s); i++ {
		if (s[i] == '1' && s[i+1] >= '6' && s[i+1] <= '9' || s[i] == '2' && s[i+1] == '0') && isDigit(s[i+2]) && isDigit(s[i+3]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

var (
	monthKeys   = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	weekdayKeys = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	unitKeys    = []string{"second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "centur"}
)

// ruleKeys gives each rule its filter words.
var ruleKeys = map[string][]string{
	"mdy": monthKeys, "dmy": monthKeys, "md": monthKeys, "dm": monthKeys, "my": monthKeys, "month": monthKeys,
	"iso": {"-"}, "numeric": {"/", "."}, "year": {"#"}, "decade": {"0s", "0's"}, "decade2": {"0s"},
	"weekday": weekdayKeys, "everywd": weekdayKeys,
	"deictic":    {"today", "yesterday", "tomorrow", "tonight", "this morning", "this afternoon", "this evening", "last night", "last evening", "overnight"},
	"relunit":    {"week", "month", "year", "quarter", "decade", "century", "spring", "summer", "fall", "autumn", "winter"},
	"quarter":    {"quarter", "half"},
	"thequarter": {"quarter", "period"},
	"yearago":    {"year"},
	"ago":        {"ago", "earlier", "later", "from now", "hence", "before", "after"},
	"duration":   unitKeys,
	"plural":     {"years", "months", "weeks", "days", "decades", "hours", "minutes"},
	"set":        {"daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "every", "each"},
	"clock":      {"a.m.", "p.m.", "am", "pm", "o'clock"},
	"noon":       {"noon", "midnight", "midday"},
	"holiday":    {"christmas", "new year", "thanksgiving", "independence", "valentine", "halloween"},
	"spelled":    {"nineteen", "two thousand"},
	"weekend":    {"weekend"},
	"ref":        {"now", "current", "present", "recent", "lately", "formerly", "past", "future", "coming", "these days"},
}

// applies reports whether a sentence (lower-cased) may hold a match of r.
func (r *rule) applies(lower string) bool {
	if len(r.keys) == 0 {
		return true
	}
	for _, k := range r.keys {
		if k == "#" {
			if strings.ContainsAny(lower, "0123456789") {
				return true
			}
		} else if strings.Contains(lower, k) {
			return true
		}
	}
	return false
}

// match is one rule match: the submatch texts (lower-cased) and positions.
type match struct {
	text       string // the expression as written
	g          []string
	start, end int
	rule       int
}

func (m *match) has(i int) bool { return i < len(m.g) && m.g[i] != "" }

// ctx is the state of one tagging run: the anchor, the tense of the
// current expression's clause, and what earlier expressions referred to.
type ctx struct {
	a     anchor
	tense Tense
	// refQ is the fiscal quarter last referred to (for "the quarter", "a
	// year earlier"); refQOK says whether there is one.
	refY, refQ int
	refQOK     bool
	// sentRef is the last calendar value in the current sentence.
	sentRef string
	// before and after are the texts just before and after the match.
	before, after string
}

var monthNum = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

func monthOf(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	return monthNum[s[:3]]
}

var weekdayNum = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var numWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"hundred": 100,
}

// number reads a count word ("three", "twenty-five", "14", "5 1/2");
// it returns -1 for vague counts ("several") and a half flag.
func number(s string) (n int, half bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	if strings.HasSuffix(s, " 1/2") {
		half = true
		s = strings.TrimSpace(strings.TrimSuffix(s, " 1/2"))
	}
	if v, ok := numWords[s]; ok {
		return v, half
	}
	if i := strings.IndexByte(s, '-'); i > 0 {
		a, b := numWords[s[:i]], numWords[s[i+1:]]
		if a > 0 && b > 0 {
			return a + b, half
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f != float64(int(f)) {
			return int(f), true
		}
		return int(f), half
	}
	return -1, half
}

// unitCode maps a unit word to its TIMEX3 letter and whether it is a
// time-of-day unit (written after "T").
func unitCode(u string) (code string, timeUnit bool, mult int) {
	u = strings.ToLower(u)
	switch {
	case strings.HasPrefix(u, "second"):
		return "S", true, 1
	case strings.HasPrefix(u, "minute"):
		return "M", true, 1
	case strings.HasPrefix(u, "hour"):
		return "H", true, 1
	case strings.HasPrefix(u, "day"):
		return "D", false, 1
	case strings.HasPrefix(u, "fortnight"):
		return "W", false, 2
	case strings.HasPrefix(u, "week"):
		return "W", false, 1
	case strings.HasPrefix(u, "month"):
		return "M", false, 1
	case strings.HasPrefix(u, "year"):
		return "Y", false, 1
	case strings.HasPrefix(u, "decade"):
		return "Y", false, 10
	case strings.HasPrefix(u, "centur"):
		return "Y", false, 100
	}
	return "", false, 0
}

// duration formats n units as a TIMEX3 duration; n < 0 means unknown.
func duration(n int, half bool, u string) string {
	code, tu, mult := unitCode(u)
	if code == "" {
		return ""
	}
	p := "P"
	if tu {
		p = "PT"
	}
	if n < 0 {
		if mult == 10 {
			return p + "XDE"
		}
		return p + "X" + code
	}
	if half && code == "H" {
		return fmt.Sprintf("PT%dH30M", n)
	}
	if half && code == "Y" && mult == 1 {
		return fmt.Sprintf("P%dM", n*12+6)
	}
	return fmt.Sprintf("%s%d%s", p, n*mult, code)
}

// shift moves t by n units (negative n: back in time) and formats the
// result at the unit's granularity.
func shift(t time.Time, n int, u string) string {
	code, tu, mult := unitCode(u)
	n *= mult
	switch {
	case tu:
		return fmtDay(t)
	case code == "D":
		return fmtDay(t.AddDate(0, 0, n))
	case code == "W":
		return fmtWeek(newsWeekRef(t).AddDate(0, 0, 7*n))
	case code == "M":
		return fmtMonth(t.AddDate(0, n, 0))
	case code == "Y" && mult == 10 && n%10 == 0:
		return fmtYear(t.Year() + n)
	default:
		return fmtYear(t.Year() + n)
	}
}

// unresolved returns the TIMEX3 placeholder of a granularity.
func unresolved(gran string) string {
	switch gran {
	case "day":
		return "XXXX-XX-XX"
	case "week":
		return "XXXX-WXX"
	case "month":
		return "XXXX-XX"
	}
	return "XXXX"
}

var rules []rule

// keyIDs numbers the distinct filter words of the rules.
var keyIDs = map[string]int{}

func add(name, pattern string, norm func(c *ctx, m *match) (string, string, bool)) {
	keys, ok := ruleKeys[name]
	if !ok {
		panic("BUG: timex rule " + name + " has no filter words")
	}
	parsed := mustParse(pattern)
	ids := make([]int, len(keys))
	for i, k := range keys {
		id, ok := keyIDs[k]
		if !ok {
			id = len(keyIDs)
			keyIDs[k] = id
		}
		ids[i] = id
	}
	rules = append(rules, rule{name: name, re: regexp.MustCompile(pattern), norm: norm, keys: keys, keyIDs: ids,
		digit: requiresDigit(parsed), year: requiresYear(parsed), unit: requiresUnit(parsed)})
}

// numericConfig asks go-dateparser for complete numeric dates in American
// order (month first), as American wire copy writes them.
var numericConfig = &dps.Configuration{
	Languages:     []string{"en"},
	DateOrder:     dps.MDY,
	RequiredParts: []string{"day", "month", "year"},
}

func init() {
	// Full dates: "Monday, Sept. 15, 2014", "15 September 2014", "14Sep 2014".
	add("mdy", `\b(?:`+wday+`,?\s+)?(?:the\s+)?(`+mon+`)\s*(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)(`+year4+`)\b`, func(c *ctx, m *match) (string, string, bool) {
		d, _ := strconv.Atoi(m.g[2])
		y, _ := strconv.Atoi(m.g[3])
		t, ok := date(y, monthOf(m.g[1]), d)
		return "DATE", fmtDay(t), ok
	})
	add("dmy", `\b(?:`+wday+`,?\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?(`+mon+`),?\s*(`+year4+`)\b`, func(c *ctx, m *match) (string, string, bool) {
		d, _ := strconv.Atoi(m.g[1])
		y, _ := strconv.Atoi(m.g[3])
		t, ok := date(y, monthOf(m.g[2]), d)
		return "DATE", fmtDay(t), ok
	})
	add("iso", `\b(`+year4+`)-(\d\d)-(\d\d)\b`, func(c *ctx, m *match) (string, string, bool) {
		y, _ := strconv.Atoi(m.g[1])
		mo, _ := strconv.Atoi(m.g[2])
		d, _ := strconv.Atoi(m.g[3])
		t, ok := date(y, mo, d)
		return "DATE", fmtDay(t), ok
	})
	add("numeric", `\b\d{1,2}[/.]\d{1,2}[/.](?:`+year4+`|\d\d)\b`, func(c *ctx, m *match) (string, string, bool) {
		if strings.Contains(m.text, ".") && !strings.Contains(m.text, "/") && len(m.text) < 8 {
			return "", "", false // "3.5.98" is likelier a version or score
		}
		d, err := dps.Parse(numericConfig, m.text)
		if err != nil || d.Time.IsZero() {
			return "", "", false
		}
		return "DATE", fmtDay(d.Time), true
	})
	// Month and day without a year: "Sept. 30", "Monday, Oct. 26", "30 September".
	add("md", `\b(?:`+wday+`,?\s+)?(`+mon+`)\s+(\d{1,2})(?:st|nd|rd|th)?\b`, func(c *ctx, m *match) (string, string, bool) {
		if (strings.HasPrefix(c.after, ":") || strings.HasPrefix(c.after, ",")) && len(c.after) > 1 && c.after[1] >= '0' && c.after[1] <= '9' {
			return "", "", false
		}
		d, _ := strconv.Atoi(m.g[2])
		return monthDay(c, monthOf(m.g[1]), d)
	})
	add("dm", `\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(`+mon+`)\b`, func(c *ctx, m *match) (string, string, bool) {
		d, _ := strconv.Atoi(m.g[1])
		return monthDay(c, monthOf(m.g[2]), d)
	})
	// Month and year: "July 1997", "August of 1988", "late November 1989".
	add("my", `\b(?:(?i:early|late|mid|the end of|the beginning of|the start of|the middle of)[\s-]+)?(`+mon+`),?\s+(?:of\s+)?(`+year4+`)\b`, func(c *ctx, m *match) (string, string, bool) {
		y, _ := strconv.Atoi(m.g[2])
		t, ok := date(y, monthOf(m.g[1]), 1)
		return "DATE", fmtMonth(t), ok
	})
	// A bare month, perhaps with a modifier: "January", "last November",
	// "early December", "this September", "mid-November".
	add("month", `\b(?:((?i:early|late|mid|the end of|the beginning of|the start of|the middle of|earlier|later))[\s-]+)?(?:((?i:last|next|this|past|coming|previous))\s+)?(`+monFull+`|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)`, func(c *ctx, m *match) (string, string, bool) {
		mo := monthOf(m.g[3])
		w := m.g[3]
		if a := strings.TrimLeft(c.after, " "); a != "" && a[0] >= '0' && a[0] <= '9' {
			return "", "", false // "Oct. 23" is a day, read by md
		}
		if (w == "may" || w == "march") && !m.has(1) && !m.has(2) && !monthContext(c.before) {
			return "", "", false
		}
		if !c.a.ok {
			return "DATE", fmt.Sprintf("XXXX-%02d", mo), true
		}
		a := c.a.t
		y := a.Year()
		am := int(a.Month())
		switch m.g[2] {
		case "last", "past", "previous":
			if mo >= am {
				y--
			}
		case "next", "coming":
			if mo <= am {
				y++
			}
		case "this":
		default:
			y = closestYear(a, mo, 15)
			if c.tense == Future && y < a.Year() {
				y++
			}
		}
		t, _ := date(y, mo, 1)
		return "DATE", fmtMonth(t), true
	})
	// Years, fiscal years and decades: "1990", "fiscal 1989", "the end of
	// 1990", "the 1990s", "mid-1980s".
	add("year", `\b(?:((?i:fiscal|calendar|the end of|the beginning of|the start of|the middle of|the spring of|the summer of|the fall of|the autumn of|the winter of|early|late|mid|post|pre|the first half of|the second half of))[\s-]+)?(`+year4+`)(?:'s)?\b`, func(c *ctx, m *match) (string, string, bool) {
		if !yearContext(c.before, c.after) {
			return "", "", false
		}
		y, _ := strconv.Atoi(m.g[2])
		v := fmtYear(y)
		switch m.g[1] {
		case "the spring of":
			v += "-SP"
		case "the summer of":
			v += "-SU"
		case "the fall of", "the autumn of":
			v += "-FA"
		case "the winter of":
			v += "-WI"
		case "the first half of":
			v += "-H1"
		case "the second half of":
			v += "-H2"
		}
		return "DATE", v, true
	})
	add("decade", `\b(?:(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?(1[6-9]\d|20\d)0'?s\b`, func(c *ctx, m *match) (string, string, bool) {
		return "DATE", m.g[1] + "X", true
	})
	add("decade2", `(?:\b(?i:the)\s+)?(?:\b(?i:early|late|mid)[\s-]+)?['‘’]([2-9])0s\b`, func(c *ctx, m *match) (string, string, bool) {
		return "DATE", "19" + m.g[1] + "X", true
	})
	// Weekdays with news rules: "Friday", "last Friday", "Monday night",
	// "late Monday", "earlier Sunday", "Mondays".
	add("weekday", `\b(?:((?i:last|next|this|past|coming|earlier|later|late|early))\s+)?(`+wday+`)(s)?(?:(?:'s)?\s+(`+partDay+`))?\b`, func(c *ctx, m *match) (string, string, bool) {
		wd := weekdayNum[strings.ToLower(m.g[2])]
		pod := ""
		if m.has(3) {
			return "SET", fmt.Sprintf("XXXX-WXX-%d", isoWeekday(wd)) + pod, true
		}
		if !c.a.ok {
			return "DATE", "XXXX-XX-XX", true
		}
		a := c.a.t
		back := (int(a.Weekday()) - int(wd) + 7) % 7
		fwd := (int(wd) - int(a.Weekday()) + 7) % 7
		var t time.Time
		switch m.g[1] {
		case "last", "past":
			if back == 0 {
				back = 7
			}
			t = a.AddDate(0, 0, -back)
		case "next", "coming":
			if fwd == 0 {
				fwd = 7
			}
			t = a.AddDate(0, 0, fwd)
		default:
			if strings.HasPrefix(c.after, "'s") || strings.HasPrefix(c.after, "’s") {
				t = a.AddDate(0, 0, -back) // "Wednesday's ruling" has happened
			} else if c.tense == Future {
				if fwd == 0 {
					fwd = 7
				}
				t = a.AddDate(0, 0, fwd)
			} else {
				t = a.AddDate(0, 0, -back)
			}
		}
		return "DATE", fmtDay(t) + pod, true
	})
	// Days relative to the anchor: "today", "yesterday", "late yesterday",
	// "tomorrow morning", "tonight", "the day before yesterday".
	add("deictic", `\b(?i:(?:(early|late|earlier|later)\s+)?(the day before yesterday|the day after tomorrow|today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening|last night|last evening|overnight)(?:(?:'s)?\s+(morning|afternoon|evening|night))?)\b`, func(c *ctx, m *match) (string, string, bool) {
		word := m.g[2]
		pod := podCode(m.g[3])
		off := 0
		switch word {
		case "the day before yesterday":
			off = -2
		case "the day after tomorrow":
			off = 2
		case "yesterday":
			off = -1
		case "tomorrow":
			off = 1
		case "tonight":
			pod = "TNI"
		case "this morning":
			pod = "TMO"
		case "this afternoon":
			pod = "TAF"
		case "this evening":
			pod = "TEV"
		case "last night", "last evening":
			off, pod = -1, "TNI"
		case "overnight":
			return "", "", false
		}
		if word == "today" && strings.HasPrefix(strings.ToLower(c.after), "'s") && pod == "" {
			// "today's world" is the present, not a day.
			return "DATE", "PRESENT_REF", true
		}
		if !c.a.ok {
			return "DATE", "XXXX-XX-XX" + pod, true
		}
		return "DATE", fmtDay(c.a.t.AddDate(0, 0, off)) + pod, true
	})
	// "this week", "last month", "earlier this year", "next quarter",
	// "the past year", "last fall", "this weekend".
	add("relunit", `\b(?i:(?:(early|earlier|late|later|mid|the end of|the beginning of|the start of|the middle of|the rest of|the remainder of|the first half of|the second half of)[\s-]+)?(this|last|next|past|coming|previous|current|the past|the last|the next|the coming|the previous|the current|the following|the same)\s+(week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)(?:'s)?)\b`, func(c *ctx, m *match) (string, string, bool) {
		mod, rel, u := m.g[1], m.g[2], m.g[3]
		dir := 0
		switch rel {
		case "last", "past", "previous", "the past", "the last", "the previous":
			dir = -1
		case "next", "coming", "the next", "the coming", "the following":
			dir = 1
		case "the same":
			return "", "", false
		}
		if (rel == "the past" || rel == "the last" || rel == "the next" || rel == "the coming") && mod == "" {
			switch u {
			case "decade", "century", "week", "month":
				return "DURATION", duration(1, false, u), true
			}
		}
		if !c.a.ok {
			g := map[string]string{"week": "week", "weekend": "week", "month": "month"}[u]
			return "DATE", unresolved(g), true
		}
		a := c.a.t
		switch u {
		case "week":
			return "DATE", fmtWeek(newsWeekRef(a).AddDate(0, 0, 7*dir)), true
		case "weekend":
			return "DATE", fmtWeek(newsWeekRef(a).AddDate(0, 0, 7*dir)) + "-WE", true
		case "month":
			return "DATE", fmtMonth(time.Date(a.Year(), a.Month()+time.Month(dir), 1, 0, 0, 0, 0, time.UTC)), true
		case "year":
			v := fmtYear(a.Year() + dir)
			switch mod {
			case "the first half of":
				v += "-H1"
			case "the second half of":
				v += "-H2"
			}
			return "DATE", v, true
		case "quarter":
			y, q := a.Year(), quarterOf(a)+dir
			if q < 1 {
				y, q = y-1, 4
			} else if q > 4 {
				y, q = y+1, 1
			}
			c.setQuarter(y, q)
			return "DATE", fmtQuarter(y, q), true
		case "decade":
			return "DATE", fmtYear(a.Year() + 10*dir)[:3] + "X", true
		case "century":
			return "DATE", fmtYear(a.Year() + 100*dir)[:2], true
		default:
			return "DATE", season(a, u, dir), true
		}
	})
	// Fiscal quarters and halves: "the third quarter", "third-quarter",
	// "the fiscal first quarter", "the fourth quarter of 1989",
	// "this year's third quarter", "the second half".
	add("quarter", `\b(?i:(?:the\s+)?(?:(fiscal|calendar|this year's|last year's|next year's|this|last|next|\d{4}(?:\s+fiscal)?)\s+)?(first|second|third|fourth|1st|2nd|3rd|4th|final)(?:[\s-]+fiscal)?[\s-]+(quarter|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?(\d{4}|this year|last year|next year))?)\b`, func(c *ctx, m *match) (string, string, bool) {
		n := map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}[m.g[2]]
		if m.g[3] == "half" {
			if n > 2 {
				return "", "", false
			}
		}
		y := -1
		switch {
		case isDigits(m.g[4]):
			y, _ = strconv.Atoi(m.g[4])
		case !c.a.ok:
		case m.g[4] == "this year" || m.g[1] == "this year's":
			y = c.a.t.Year()
		case m.g[4] == "last year" || m.g[1] == "last year's":
			y = c.a.t.Year() - 1
		case m.g[4] == "next year" || m.g[1] == "next year's":
			y = c.a.t.Year() + 1
		case isDigits(m.g[1]):
			y, _ = strconv.Atoi(m.g[1])
		default:
			y = startedQuarterYear(c.a.t, n, m.g[3] == "half")
		}
		if m.g[3] == "half" {
			if y < 0 {
				return "DATE", fmt.Sprintf("XXXX-H%d", n), true
			}
			return "DATE", fmt.Sprintf("%s-H%d", fmtYear(y), n), true
		}
		if y < 0 {
			return "DATE", fmt.Sprintf("XXXX-Q%d", n), true
		}
		c.setQuarter(y, n)
		return "DATE", fmtQuarter(y, n), true
	})
	// The quarter the text is about: "the quarter", "the latest quarter",
	// "the latest period", "the current quarter".
	add("thequarter", `\b(?i:the\s+(?:(latest|most recent|current|recent|fiscal|same|just-ended|just ended)\s+)?(quarter|period))\b`, func(c *ctx, m *match) (string, string, bool) {
		if m.g[2] == "period" && m.g[1] != "latest" && m.g[1] != "most recent" {
			return "", "", false
		}
		if m.g[2] == "quarter" && m.g[1] == "same" {
			return "", "", false
		}
		if c.refQOK {
			return "DATE", fmtQuarter(c.refY, c.refQ), true
		}
		if !c.a.ok {
			return "DATE", "XXXX-QX", true
		}
		y, q := c.a.t.Year(), quarterOf(c.a.t)
		if m.g[1] != "current" {
			if q--; q == 0 {
				y, q = y-1, 4
			}
		}
		return "DATE", fmtQuarter(y, q), true
	})
	// The period a year before the one under discussion: "a year
	// earlier", "a year ago", "the year-earlier quarter", "year-ago".
	add("yearago", `\b(?i:(?:the\s+)?(?:year-earlier|year-ago|year earlier|prior-year|year-before)(?:\s+(?:quarter|period|level|figure|results?))?|a\s+year\s+(?:earlier|ago|before))\b`, func(c *ctx, m *match) (string, string, bool) {
		lt := strings.ToLower(m.text)
		if !strings.HasPrefix(lt, "a ") && !strings.Contains(lt, "quarter") && !strings.Contains(lt, "period") &&
			!strings.HasPrefix(lt, "the ") && !strings.Contains(lt, " ") {
			// A bare modifier ("year-earlier") needs a quarter to refer to.
			if !c.refQOK {
				return "", "", false
			}
		}
		if !c.a.ok {
			return "DATE", "XXXX", true
		}
		if c.sentRef != "" && !strings.Contains(c.sentRef, "Q") {
			if v, ok := yearBefore(c.sentRef); ok {
				return "DATE", v, true
			}
		}
		if c.refQOK {
			return "DATE", fmtQuarter(c.refY-1, c.refQ), true
		}
		if c.sentRef != "" {
			if v, ok := yearBefore(c.sentRef); ok {
				return "DATE", v, true
			}
		}
		return "DATE", fmtYear(c.a.t.Year() - 1), true
	})
	// "two years ago", "three days earlier", "a decade ago", "six weeks
	// from now".
	add("ago", `\b(?i:(?:(?:more than|less than|about|nearly|almost|some|only|just|over|roughly|barely)\s+)?(`+numWord+`)[\s-]+(`+unit+`)\s+(ago|earlier|later|from now|hence|before|after))\b`, func(c *ctx, m *match) (string, string, bool) {
		n, _ := number(m.g[1])
		dir := -1
		switch m.g[3] {
		case "later", "from now", "hence", "after":
			dir = 1
		}
		if m.g[3] == "before" || m.g[3] == "after" {
			// "two days before the vote" anchors on the vote, not on the
			// anchor date: keep the duration only when the phrase ends.
			if !endsClause(c.after) {
				return "", "", false
			}
		}
		if n < 0 || !c.a.ok {
			code, _, _ := unitCode(m.g[2])
			g := map[string]string{"D": "day", "W": "week", "M": "month"}[code]
			if code == "Y" && n < 0 {
				return "DATE", "PAST_REF", dir < 0
			}
			return "DATE", unresolved(g), true
		}
		if m.g[3] == "earlier" || m.g[3] == "later" {
			// Relative to the story's time; the anchor is the best guess.
		}
		return "DATE", shift(c.a.t, dir*n, m.g[2]), true
	})
	// Durations: "three months", "the past two weeks", "the first nine
	// months", "16-hour", "5 1/2 hours", "more than four decades".
	add("duration", `\b(?i:(?:`+approx+`\s+)?(`+numWord+`)(?:\s+and\s+a\s+half)?[\s-]+(`+unit+`)(?:-(?:old|long))?)\b`, func(c *ctx, m *match) (string, string, bool) {
		n, half := number(m.g[1])
		lt := strings.ToLower(m.text)
		if strings.Contains(lt, "and a half") {
			half = true
		}
		code, _, _ := unitCode(m.g[2])
		if code == "" {
			return "", "", false
		}
		if (m.g[1] == "a" || m.g[1] == "an") && perContext(c.before) {
			return "SET", duration(1, false, m.g[2]), true
		}
		if strings.HasSuffix(lt, "-old") || ageContext(c.after) {
			return "", "", false // an age ("a 6-year-old", "52 years old")
		}
		return "DURATION", duration(n, half, m.g[2]), true
	})
	// Bare plural durations after a preposition: "for years", "in weeks".
	add("plural", `\b(?i:for|in|over|within|after|took)\s+(?P<t>(?i:years|months|weeks|days|decades|hours|minutes))\b`, func(c *ctx, m *match) (string, string, bool) {
		return "DURATION", duration(-1, false, m.g[1]), true
	})
	// Sets: "daily", "weekly", "every day", "each year", "annually".
	add("set", `\b(?i:(daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)|(?:every|each)\s+(day|week|month|year|quarter|hour|morning|night|evening|weekend|summer|winter|spring|fall))\b`, func(c *ctx, m *match) (string, string, bool) {
		w := m.g[1] + m.g[2]
		v := map[string]string{"daily": "P1D", "day": "P1D", "weekly": "P1W", "week": "P1W", "monthly": "P1M", "month": "P1M",
			"annually": "P1Y", "yearly": "P1Y", "year": "P1Y", "quarterly": "P3M", "quarter": "P3M", "hourly": "PT1H", "hour": "PT1H",
			"nightly": "P1D", "night": "XXXX-XX-XXTNI", "morning": "XXXX-XX-XXTMO", "evening": "XXXX-XX-XXTEV",
			"weekend": "XXXX-WXX-WE", "summer": "XXXX-SU", "winter": "XXXX-WI", "spring": "XXXX-SP", "fall": "XXXX-FA", "biweekly": "P2W"}[w]
		return "SET", v, v != ""
	})
	add("everywd", `\b(?i:every|each)\s+(`+wday+`)\b`, func(c *ctx, m *match) (string, string, bool) {
		return "SET", fmt.Sprintf("XXXX-WXX-%d", isoWeekday(weekdayNum[m.g[1]])), true
	})
	// Clock times: "8 p.m.", "10:30 a.m. EDT", "noon", "midnight".
	add("clock", `\b(\d{1,2})(?::(\d\d))?\s*(a\.m\.|p\.m\.|am\b|pm\b|(?i:o'clock))(?:\s+(?:EDT|EST|CDT|CST|MDT|MST|PDT|PST|GMT|BST|UTC|(?i:local time)))?`, func(c *ctx, m *match) (string, string, bool) {
		h, _ := strconv.Atoi(m.g[1])
		mi, _ := strconv.Atoi(m.g[2])
		if h > 12 || mi > 59 {
			return "", "", false
		}
		if strings.HasPrefix(m.g[3], "p") && h < 12 {
			h += 12
		} else if strings.HasPrefix(m.g[3], "a") && h == 12 {
			h = 0
		}
		day := "XXXX-XX-XX"
		if c.a.ok {
			day = fmtDay(c.a.t)
		}
		return "TIME", fmt.Sprintf("%sT%02d:%02d", day, h, mi), true
	})
	add("noon", `\b(?i:noon|midnight|midday)\b`, func(c *ctx, m *match) (string, string, bool) {
		day := "XXXX-XX-XX"
		if c.a.ok {
			day = fmtDay(c.a.t)
		}
		if strings.EqualFold(m.text, "midnight") {
			return "TIME", day + "T24:00", true
		}
		return "TIME", day + "T12:00", true
	})
	// Holidays with fixed dates, and Thanksgiving.
	add("holiday", `\b(Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)|Thanksgiving(?: Day)?|Independence Day|Valentine's Day|Halloween)\b`, func(c *ctx, m *match) (string, string, bool) {
		if !c.a.ok {
			return "DATE", "XXXX-XX-XX", true
		}
		var mo, d int
		switch m.g[1] {
		case "Christmas", "Christmas Day":
			mo, d = 12, 25
		case "Christmas Eve":
			mo, d = 12, 24
		case "New Year's Day":
			mo, d = 1, 1
		case "New Year's Eve":
			mo, d = 12, 31
		case "Independence Day":
			mo, d = 7, 4
		case "Valentine's Day":
			mo, d = 2, 14
		case "Halloween":
			mo, d = 10, 31
		default: // Thanksgiving: the fourth Thursday of November
			y := closestYear(c.a.t, 11, 25)
			first, _ := date(y, 11, 1)
			off := (int(time.Thursday) - int(first.Weekday()) + 7) % 7
			return "DATE", fmtDay(first.AddDate(0, 0, off+21)), true
		}
		y := closestYear(c.a.t, mo, d)
		t, _ := date(y, mo, d)
		return "DATE", fmtDay(t), true
	})
	// References to the present, past and future: "now", "currently",
	// "recently", "the past", "the future", "soon".
	add("ref", `\b(?i:(now|currently|nowadays|presently|at present|current|recently|lately|formerly|the past|recent years|recent months|recent weeks|recent days|coming years|coming months|coming weeks|coming days|these days)|the\s+(?:(?:near|foreseeable|distant)\s+)?(future))\b`, func(c *ctx, m *match) (string, string, bool) {
		w := m.g[1] + m.g[2]
		switch w {
		case "now", "currently", "nowadays", "presently", "at present", "current":
			if w == "current" && lastWord(c.before) == "then" {
				return "DATE", "PAST_REF", true
			}
			if w == "now" && strings.HasPrefix(strings.TrimSpace(strings.ToLower(c.after)), "that") {
				return "", "", false
			}
			return "DATE", "PRESENT_REF", true
		case "future":
			return "DATE", "FUTURE_REF", true
		case "coming years":
			return "DURATION", "PXY", true
		case "coming months":
			return "DURATION", "PXM", true
		case "coming weeks":
			return "DURATION", "PXW", true
		case "coming days":
			return "DURATION", "PXD", true
		case "these days":
			return "DATE", "PRESENT_REF", true
		case "recent months":
			return "DURATION", "PXM", true
		case "recent weeks":
			return "DURATION", "PXW", true
		case "recent days":
			return "DURATION", "PXD", true
		}
		return "DATE", "PAST_REF", true
	})
	// Years read aloud in broadcast transcripts: "nineteen ninety-six",
	// "January nineteen ninety-seven", "the year two thousand".
	add("spelled", `\b(?:(`+monFull+`)\s+)?(?i:(?:the\s+year\s+)?(?:nineteen[\s-]+(ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(one|two|three|four|five|six|seven|eight|nine))?|(two thousand)))\b`, func(c *ctx, m *match) (string, string, bool) {
		y := 2000
		if !m.has(4) {
			y = 1900 + numWords[m.g[2]]
			if m.has(3) {
				y += numWords[m.g[3]]
			}
		}
		if m.has(1) {
			t, _ := date(y, monthOf(m.g[1]), 1)
			return "DATE", fmtMonth(t), true
		}
		return "DATE", fmtYear(y), true
	})
	// "the weekend": the last one in past-tense reporting, else the next.
	add("weekend", `\b(?i:the\s+weekend)\b`, func(c *ctx, m *match) (string, string, bool) {
		if !c.a.ok {
			return "DATE", "XXXX-WXX-WE", true
		}
		a := c.a.t
		wd := a.Weekday()
		ref := a
		switch {
		case wd == time.Saturday || wd == time.Sunday:
		case c.tense == Future:
		default:
			ref = a.AddDate(0, 0, -7)
		}
		y, w := ref.ISOWeek()
		return "DATE", fmt.Sprintf("%04d-W%02d-WE", y, w), true
	})
	// Seasons: "the summer", "summer" alone are left out (too vague);
	// "last fall" and "this summer" are handled by relunit.
}

// Tense is the grammatical time of the clause an expression sits in.
type Tense int

// Tenses.
const (
	// Unknown means no tense cue was found; news reports default to the
	// past.
	Unknown Tense = iota
	// Past is past-tense reporting ("said Friday", "met on Monday").
	Past
	// Present is present-tense reporting ("says", "is").
	Present
	// Future is future-tense reporting ("will meet Friday").
	Future
)

func (c *ctx) setQuarter(y, q int) { c.refY, c.refQ, c.refQOK = y, q, true }

// monthDay resolves a month and day without a year by the tense and the
// anchor.
func monthDay(c *ctx, mo, d int) (string, string, bool) {
	if mo == 0 {
		return "", "", false
	}
	if !c.a.ok {
		if _, ok := date(2000, mo, d); !ok {
			return "", "", false
		}
		return "DATE", fmt.Sprintf("XXXX-%02d-%02d", mo, d), true
	}
	a := c.a.t
	y := a.Year()
	t, ok := date(y, mo, d)
	if !ok {
		if mo == 2 && d == 29 {
			t, ok = date(y-1, mo, d)
		}
		if !ok {
			return "", "", false
		}
		return "DATE", fmtDay(t), true
	}
	// A day months ahead in past-tense reporting, or more than half a
	// year away, is in the other year.
	const day = 24 * time.Hour
	ahead := t.Sub(a)
	switch {
	case ahead > 183*day, ahead > 60*day && c.tense == Past:
		t, _ = date(y-1, mo, d)
	case -ahead > 183*day, -ahead > 14*day && c.tense == Future:
		if t2, ok := date(y+1, mo, d); ok {
			t = t2
		}
	}
	return "DATE", fmtDay(t), true
}

// startedQuarterYear picks the latest year whose quarter (or half) n has
// begun by the anchor: companies report on quarters under way or past.
func startedQuarterYear(a time.Time, n int, half bool) int {
	m := 3*(n-1) + 1
	if half {
		m = 6*(n-1) + 1
	}
	if int(a.Month()) >= m {
		return a.Year()
	}
	return a.Year() - 1
}

// season resolves "this summer", "last fall", "next winter".
func season(a time.Time, s string, dir int) string {
	code := map[string]string{"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}[s]
	start := map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
	y := a.Year()
	am := int(a.Month())
	cur := am >= start && am < start+3 || code == "WI" && am < 3
	if code == "WI" && am < 3 {
		y-- // January's winter began the December before
	}
	switch dir {
	case -1:
		if cur || am < start {
			y--
		}
	case 1:
		if cur || am >= start {
			y++
		}
	}
	return fmtYear(y) + "-" + code
}

// yearBefore returns the value one year before a calendar value.
func yearBefore(v string) (string, bool) {
	if len(v) < 4 || !isDigits(v[:4]) {
		return "", false
	}
	y, _ := strconv.Atoi(v[:4])
	rest := v[4:]
	if i := strings.IndexByte(rest, 'T'); i >= 0 {
		rest = rest[:i]
	}
	if strings.HasPrefix(rest, "-W") {
		return "", false
	}
	return fmtYear(y-1) + rest, true
}

func podCode(s string) string {
	switch strings.ToLower(s) {
	case "morning":
		return "TMO"
	case "afternoon":
		return "TAF"
	case "evening":
		return "TEV"
	case "night", "overnight":
		return "TNI"
	}
	return ""
}

func isoWeekday(d time.Weekday) int {
	if d == time.Sunday {
		return 7
	}
	return int(d)
}

// lastWord returns the last word of s, lower-cased.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \t\n")
	i := strings.LastIndexAny(s, " \t\n(\"“")
	return strings.ToLower(s[i+1:])
}

// monthContext reports whether the word before an ambiguous month name
// ("May", "March") makes it a month.
func monthContext(before string) bool {
	switch lastWord(before) {
	case "in", "of", "since", "until", "till", "by", "from", "to", "through", "during", "last", "next",
		"this", "early", "late", "mid", "end", "before", "after", "on", "between", "and", "or", "that", "each", "every":
		return true
	}
	return false
}

// yearContext filters four-digit numbers that are not years: amounts
// ("$1990", "1,990"), counts ("1990 shares") and parts of longer numbers.
func yearContext(before, after string) bool {
	if strings.HasSuffix(before, "$") || strings.HasSuffix(before, ",") || strings.HasSuffix(before, ".") ||
		strings.HasSuffix(before, "#") || strings.HasSuffix(before, "-") && !strings.HasSuffix(strings.ToLower(before), "mid-") {
		return false
	}
	if b := strings.ToLower(lastWord(before)); b == "no." || b == "number" || b == "flight" || b == "room" || b == "page" || b == "route" {
		return false
	}
	a := strings.TrimLeft(after, " ")
	if strings.HasPrefix(after, ",") && len(after) > 1 && after[1] >= '0' && after[1] <= '9' {
		return false
	}
	if strings.HasPrefix(after, ".") && len(after) > 1 && after[1] >= '0' && after[1] <= '9' {
		return false
	}
	if strings.HasPrefix(a, "%") || strings.HasPrefix(strings.ToLower(a), "percent") {
		return false
	}
	for _, w := range []string{"shares", "people", "troops", "tons", "feet", "meters", "metres", "miles", "dollars", "workers", "jobs", "cars", "units", "acres", "pounds"} {
		if strings.HasPrefix(strings.ToLower(a), w) {
			return false
		}
	}
	return true
}

// perContext reports whether "a day"/"a year" follows an amount, making it
// a rate ("$5 a year", "twice a day").
func perContext(before string) bool {
	w := lastWord(before)
	if w == "" {
		return false
	}
	if w == "once" || w == "twice" || w == "times" || w == "thrice" {
		return true
	}
	c := w[len(w)-1]
	return c >= '0' && c <= '9' || strings.HasSuffix(w, "million") || strings.HasSuffix(w, "billion") ||
		strings.HasSuffix(w, "percent") || strings.HasSuffix(w, "%") || strings.HasSuffix(w, "dollars") || strings.HasSuffix(w, "cents")
}

// endsClause reports whether the text after an expression ends its
// clause (punctuation or end of text).
func endsClause(after string) bool {
	a := strings.TrimLeft(after, " ")
	return a == "" || strings.IndexAny(a[:1], ",.;:!?)\"'”’\n") == 0
}

// ageContext reports whether a duration is followed by "old" (an age).
func ageContext(after string) bool {
	a := strings.ToLower(strings.TrimLeft(after, " "))
	return strings.HasPrefix(a, "old") && (len(a) == 3 || a[3] < 'a' || a[3] > 'z')
}
