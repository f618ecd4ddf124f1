package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/store"
)

// errBadRequest marks a malformed request parameter; handlers answer 400.
var errBadRequest = errors.New("bad request")

// params reads and checks query parameters. The first problem is kept in
// err; later reads return zero values.
type params struct {
	q   url.Values
	err error
}

func newParams(r *http.Request) *params {
	p := &params{}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		p.err = fmt.Errorf("%w: query string: %v", errBadRequest, err)
	}
	p.q = q
	return p
}

func (p *params) fail(name, why string) {
	if p.err == nil {
		p.err = fmt.Errorf("%w: parameter %q: %s", errBadRequest, name, why)
	}
}

// str returns parameter name, trimmed: at most store.MaxFilterLen bytes
// of UTF-8 without NUL or other control characters.
func (p *params) str(name string) string {
	return p.text(name, store.MaxFilterLen)
}

func (p *params) text(name string, maxLen int) string {
	vs := p.q[name]
	if len(vs) == 0 || p.err != nil {
		return ""
	}
	if len(vs) > 1 {
		p.fail(name, "given more than once")
		return ""
	}
	v := strings.TrimSpace(vs[0])
	switch {
	case len(v) > maxLen:
		p.fail(name, "too long")
	case !utf8.ValidString(v):
		p.fail(name, "not UTF-8")
	case strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		p.fail(name, "control character")
	default:
		return v
	}
	return ""
}

// code returns an actor code parameter: upper-cased letters and digits.
func (p *params) code(name string) string {
	v := p.str(name)
	if strings.ContainsFunc(v, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-')
	}) {
		p.fail(name, "not an actor code")
		return ""
	}
	return strings.ToUpper(v)
}

// date returns a YYYY-MM-DD parameter.
func (p *params) date(name string) string {
	v := p.str(name)
	if v != "" && !store.ValidDate(v) {
		p.fail(name, "want a date YYYY-MM-DD")
		return ""
	}
	return v
}

// num returns a non-negative integer parameter no larger than hi, or def
// when absent.
func (p *params) num(name string, def, hi int) int {
	v := p.str(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > hi {
		p.fail(name, fmt.Sprintf("want an integer from 0 to %d", hi))
		return def
	}
	return n
}

// page reads limit and offset.
func (p *params) page() store.Page {
	return store.Page{
		Limit:  p.num("limit", store.DefaultLimit, store.MaxLimit),
		Offset: p.num("offset", 0, 1<<30),
	}
}

// eventFilter reads the event filters shared by the events page and API:
// actor, source, target, dyad (SRC-TGT), from, to, cameo (or root),
// plover, quad, article and story (resolved by the caller).
func (p *params) eventFilter() store.EventFilter {
	f := store.EventFilter{
		Actor: p.code("actor"), Source: p.code("source"), Target: p.code("target"),
		From: p.date("from"), To: p.date("to"),
		PLOVER: strings.ToUpper(p.code("plover")), Quad: p.num("quad", 0, 4),
		Article: p.id("article"), Page: p.page(),
	}
	if d := p.str("dyad"); d != "" {
		src, tgt, ok := strings.Cut(d, "-")
		if !ok {
			src, tgt, ok = strings.Cut(d, ",")
		}
		if !ok || src == "" || tgt == "" {
			p.fail("dyad", "want SOURCE-TARGET")
		} else {
			f.Source, f.Target = strings.ToUpper(src), strings.ToUpper(tgt)
		}
	}
	for _, name := range []string{"cameo", "root"} {
		if c := p.str(name); c != "" {
			if len(c) < 2 || len(c) > 4 || strings.ContainsFunc(c, func(r rune) bool { return r < '0' || r > '9' }) {
				p.fail(name, "want a CAMEO code of 2 to 4 digits")
			} else {
				f.CAMEO = c
			}
		}
	}
	return f
}

// id returns an article, event or story ID parameter: letters, digits,
// '-' and '_'.
func (p *params) id(name string) string {
	v := p.str(name)
	if !validID(v) {
		p.fail(name, "not an ID")
		return ""
	}
	return v
}

// validID reports whether s could be an ID ("" counts as valid: absent).
func validID(s string) bool {
	return len(s) <= 128 && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
	})
}

// link builds path?query from pairs of names and values, leaving out
// empty values.
func link(path string, kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}
