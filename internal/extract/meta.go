package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	dps "github.com/markusmobius/go-dateparser"
)

var (
	// bylineRe matches an explicit byline and captures the name part.
	bylineRe = regexp.MustCompile(`(?i)^(?:by|written by|posted by|reported by|reporting by|author|words by)\s*:?\s*(.+)$`)
	// counterRe and commentsTailRe strip widget text that blogs print
	// around a byline ("771 Viewed Jane Doe Comments Off on <title>").
	counterRe      = regexp.MustCompile(`(?i)^\d[\d,.]*k?\s*(views?|viewed|reads?)\s+`)
	commentsTailRe = regexp.MustCompile(`(?i)\s+(comments? off\b.*|comments? are closed.*|leave a (comment|reply).*|no comments?.*|\d+ comments?.*)$`)
	// stampNoiseRe removes the words that surround a date stamp.
	stampNoiseRe = regexp.MustCompile(`(?i)\b(updated|published|posted|last (modified|updated)|modified|date|on|at|first published)\b\s*:?`)
	yearRe       = regexp.MustCompile(`\b(19[5-9]\d|20\d\d)\b|\d(19[5-9]\d|20\d\d)\b`)
	monthRe      = regexp.MustCompile(`(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b`)
	// datelineRe matches a dateline opening a paragraph: a place in
	// capitals, an optional region, an optional (Agency) credit, a dash.
	datelineRe = regexp.MustCompile(`^([A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+){0,3})((?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})?)\s*(\(([^()]{1,40})\))?\s*(?:[-–—]+|:)\s*`)
	// domainPrefixRe matches a source site printed before a headline
	// ("thetimes.co.uk/Headline").
	domainPrefixRe = regexp.MustCompile(`^((?:[a-z0-9-]+\.)+[a-z]{2,})(?:/|\s+[|:-]\s+)`)
	// captionRe matches photo captions: an agency credit at the end or a
	// photo prefix.
	// captionRe is costly on long lines; call it through captionLike.
	captionRe = regexp.MustCompile(`(?i)(\((afp|ap|reuters|getty( images)?|epa|anadolu|xinhua|photo[^()]*|file photo|image[^()]*|credit[^()]*)\)\s*$|^(photo|image|picture|file photo)\s*[:|-]|\b(photo|image)\s*:\s*[^.]{0,60}\)?$)`)
	// siteWordRe matches words typical of a site name line.
	siteWordRe = regexp.MustCompile(`(?i)\b(news|agency|times|daily|post|press|media|network|gazette|herald|tribune|journal|online|tv|radio|channel|magazine|weekly|wire|today|blog|observer|chronicle|report)\b`)
)

// agencies are wire services whose name in a dateline is a credit, not a
// place.
var agencies = map[string]string{
	"REUTERS": "Reuters", "AFP": "AFP", "AP": "AP", "IRNA": "IRNA", "XINHUA": "Xinhua",
	"ANADOLU": "Anadolu", "UPI": "UPI", "DPA": "dpa", "TASS": "TASS", "ANSA": "ANSA",
	"EFE": "EFE", "KYODO": "Kyodo", "YONHAP": "Yonhap", "PTI": "PTI", "IANS": "IANS",
}

// stampConfig asks go-dateparser for full English dates only.
var stampConfig = &dps.Configuration{
	Languages:     []string{"en"},
	DateOrder:     dps.MDY,
	RequiredParts: []string{"day", "month", "year"},
}

// parseStamp reports whether line is a date stamp (a line that is nothing
// but a date, perhaps with a time, weekday and words like "Updated") and
// returns its date as YYYY-MM-DD.
func parseStamp(line string) (string, bool) {
	if wordCount(line) > 10 || !yearRe.MatchString(line) || !monthRe.MatchString(line) {
		return "", false
	}
	s := stampNoiseRe.ReplaceAllString(line, " ")
	s = strings.Trim(foldSpace(strings.NewReplacer(" - ", " ", " | ", " ", "–", " ", "—", " ", "·", " ").Replace(s)), " -|,")
	d, err := dps.Parse(stampConfig, s)
	if err != nil || d.Time.IsZero() {
		return "", false
	}
	return d.Time.Format("2006-01-02"), true
}

// stampDate is one date of a stamp line and the text it was read from.
type stampDate struct{ date, text string }

// parseStamps reads a line of one or more date stamps separated by "|"
// and returns their dates, or nil when the line is not made of stamps.
func parseStamps(line string) []stampDate {
	if d, ok := parseStamp(line); ok {
		return []stampDate{{d, line}}
	}
	parts := strings.Split(line, "|")
	if len(parts) < 2 {
		return nil
	}
	var out []stampDate
	for _, p := range parts {
		p = strings.TrimSpace(p)
		d, ok := parseStamp(p)
		if !ok {
			return nil
		}
		out = append(out, stampDate{d, p})
	}
	return out
}

// parseByline returns the author named by a byline line, if line is one.
func parseByline(line string) (string, bool) {
	if wordCount(line) > 16 {
		return "", false
	}
	if m := bylineRe.FindStringSubmatch(line); m != nil {
		name := strings.TrimSpace(commentsTailRe.ReplaceAllString(m[1], ""))
		name = cutAt(name, " | ", " - ", " – ", ", ")
		if isPersonName(name) {
			return name, true
		}
		return "", false
	}
	// Blog widget line: counter, name, comment notice.
	if loc := counterRe.FindStringIndex(line); loc != nil {
		rest := line[loc[1]:]
		if tail := commentsTailRe.FindStringIndex(rest); tail != nil {
			name := strings.TrimSpace(rest[:tail[0]])
			if isPersonName(name) {
				return name, true
			}
		}
	}
	return "", false
}

// cutAt cuts s at the first of the separators.
func cutAt(s string, seps ...string) string {
	for _, sep := range seps {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

// nameParticles are lower-case words allowed inside personal names.
var nameParticles = map[string]bool{
	"al": true, "el": true, "bin": true, "ibn": true, "abu": true, "de": true, "da": true,
	"di": true, "del": true, "van": true, "von": true, "der": true, "la": true, "le": true, "and": true,
}

// isPersonName reports whether s looks like one or two personal names: two
// to five capitalised words (particles allowed), no digits.
func isPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 {
		return false
	}
	caps := 0
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			caps++
		case nameParticles[strings.ToLower(strings.TrimSuffix(w, "-"))] || strings.HasPrefix(w, "al-") || strings.HasPrefix(w, "el-"):
		default:
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && c != '.' && c != '-' && c != '\'' && c != '’' {
				return false
			}
		}
	}
	return caps >= 2
}

// dateline is a dateline found at the start of a paragraph.
type dateline struct {
	place  string // "TEHRAN"; "" when the capitals were an outlet credit
	credit string // "Reuters" from "(Reuters)", or the outlet named in capitals
	length int    // bytes of the paragraph the dateline takes, dash and space included
}

// parseDateline looks for a dateline at the start of p. outlet is the
// article's known outlet, if any: an outlet name in capitals is a credit
// ("SHAFAQNA –"), not a place.
func parseDateline(p, outlet string) (dateline, bool) {
	m := datelineRe.FindStringSubmatchIndex(p)
	if m == nil {
		return dateline{}, false
	}
	caps := p[m[2]:m[3]]
	// A dateline word is written in capitals; "I" or "A" opening a
	// sentence followed by a dash is not one.
	if utf8.RuneCountInString(caps) < 2 {
		return dateline{}, false
	}
	d := dateline{place: caps, length: m[1]}
	if m[4] >= 0 && m[5] > m[4] {
		d.place += p[m[4]:m[5]]
	}
	if m[8] >= 0 {
		d.credit = strings.TrimSpace(p[m[8]:m[9]])
	}
	key := strings.ToUpper(strings.ReplaceAll(caps, " ", ""))
	if a, ok := agencies[key]; ok {
		d.place, d.credit = "", a
	} else if outlet != "" && key == strings.ToUpper(strings.ReplaceAll(outlet, " ", "")) {
		d.place, d.credit = "", outlet
	}
	return d, true
}

// titleLine reports whether line is the headline title (matched after
// normalisation), and returns a source site printed before it.
func titleLine(line, title string) (site string, ok bool) {
	if title == "" {
		return "", false
	}
	nl, nt := normKey(line), normKey(title)
	if nl == nt {
		return "", true
	}
	if m := domainPrefixRe.FindStringSubmatch(line); m != nil && normKey(line[len(m[0]):]) == nt {
		return m[1], true
	}
	return "", false
}

// headline reports whether line could be an article's headline when no
// title is known: a few words, not a sentence with a final full stop, not a
// site name; returns the headline with a source-site prefix removed and
// that site.
func headline(line string) (title, site string, ok bool) {
	if m := domainPrefixRe.FindStringSubmatch(line); m != nil {
		site, line = m[1], strings.TrimSpace(line[len(m[0]):])
	}
	n := wordCount(line)
	if n < 3 || n > 25 || strings.HasSuffix(line, ".") || isSiteName(line) {
		return "", "", false
	}
	return line, site, true
}

// isSiteName reports whether line looks like a site or outlet name: a few
// capitalised words with a word typical of outlet names.
func isSiteName(line string) bool {
	words := strings.Fields(line)
	if len(words) == 0 || len(words) > 6 || !siteWordRe.MatchString(line) {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !nameParticles[strings.ToLower(w)] && w != "of" && w != "the" && w != "&" {
			return false
		}
	}
	return true
}

// captionLike reports whether line matches captionRe, testing first for
// what every match needs: a closing parenthesis at the end, or one of the
// words photo, image or picture.
func captionLike(line string) bool {
	if !strings.HasSuffix(strings.TrimRightFunc(line, unicode.IsSpace), ")") {
		l := strings.ToLower(line)
		if !strings.Contains(l, "photo") && !strings.Contains(l, "image") && !strings.Contains(l, "picture") {
			return false
		}
	}
	return captionRe.MatchString(line)
}
