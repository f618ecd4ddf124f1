package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/sitrep/sitrep/internal/store"
)

func newTestServer(t *testing.T) (*Server, store.Store) {
	t.Helper()
	st := openFixture(t)
	srv, err := New(st, Options{Names: DefaultNames(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return srv, st
}

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// pageURLs lists one URL of every page type over the fixture.
var pageURLs = []string{
	"/", "/?q=norway", "/?actor=NOR&from=2024-05-01&to=2024-05-31&level=event",
	"/story/sl1", "/story/ev1", "/story/ev2",
	"/event/a1a1a1a1a1a1a1a1-e1", "/event/c3c3c3c3c3c3c3c3-e1", "/event/b2b2b2b2b2b2b2b2-e3",
	"/actor/NOR", "/actor/CHL",
	"/article/a1a1a1a1a1a1a1a1", "/article/b2b2b2b2b2b2b2b2", "/article/c3c3c3c3c3c3c3c3",
	"/articles", "/articles?q=alert", "/events", "/events?actor=CHL&quad=4", "/actors",
}

func TestPagesRender(t *testing.T) {
	srv, _ := newTestServer(t)
	for _, u := range pageURLs {
		w := get(t, srv, "GET", u)
		if w.Code != http.StatusOK {
			t.Errorf("GET %s: %d\n%s", u, w.Code, w.Body.String())
			continue
		}
		if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", u, ct)
		}
	}
	checks := []struct {
		url  string
		want []string
	}{
		{"/story/ev1", []string{`id="timeline"`, `id="network"`, "Harbor Gazette", "Coastal Times", "Ana Krell", "We will not sign this",
			"Disagreements", "2024-05-01", "Norway", "Chile"}},
		{"/event/a1a1a1a1a1a1a1a1-e1", []string{"Norway — reject — Chile", "on Tuesday", "from the time expression",
			"Harbor Gazette", "Coastal Times", `class="evidence"`, "corroboration 2"}},
		{"/actor/NOR", []string{"Norway", `id="timeline"`, `id="dyads"`, `id="network"`, "We will not sign this"}},
		{"/article/a1a1a1a1a1a1a1a1", []string{`class="mention"`, `class="quote"`, `href="/actor/NOR"`, `id="ev-a1a1a1a1a1a1a1a1-e1"`, "Fishing dispute"}},
		{"/", []string{"Fishing dispute", "Norway rejects offer", "storyline"}},
		{"/events?actor=CHL&quad=4", []string{"seize", "Coastal Times"}},
	}
	for _, c := range checks {
		body := get(t, srv, "GET", c.url).Body.String()
		for _, want := range c.want {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s lacks %q", c.url, want)
			}
		}
	}
	// Filters filter: a search for a word only in a2 keeps its stories
	// but not the cluster of a3 alone.
	body := get(t, srv, "GET", "/?q=trawler").Body.String()
	if !strings.Contains(body, "Norway rejects offer") || strings.Contains(body, `href="/story/ev2"`) {
		t.Errorf("story search for 'trawler' kept the wrong stories")
	}
}

func TestNotFound(t *testing.T) {
	srv, _ := newTestServer(t)
	for _, u := range []string{"/story/nope", "/event/nope", "/event/a1a1a1a1a1a1a1a1-e9", "/actor/ZZZ", "/article/nope", "/nothing/here",
		"/api/events/nope", "/api/articles/nope", "/api/stories/nope", "/api/actors/ZZZ", "/api/nothing"} {
		if w := get(t, srv, "GET", u); w.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", u, w.Code)
		}
	}
}

// TestHostileTextEscaped: an article whose title, outlet, text, quote,
// speaker, trigger and story title hold script and attribute-breaking
// markup renders escaped on every page type and in the API.
func TestHostileTextEscaped(t *testing.T) {
	srv, _ := newTestServer(t)
	urls := append([]string{"/story/sl1", "/story/ev2", "/api/articles/c3c3c3c3c3c3c3c3", "/api/events?article=c3c3c3c3c3c3c3c3",
		"/api/stories", "/api/stories/ev2", "/api/quotes?actor=CHL", "/api/events/c3c3c3c3c3c3c3c3-e1"}, pageURLs...)
	for _, u := range urls {
		w := get(t, srv, "GET", u)
		body := w.Body.String()
		for _, bad := range []string{"<script>alert", "<img src=x", `"><img`, "onerror=alert(1)>"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: response holds unescaped %q", u, bad)
			}
		}
		if strings.Count(body, "<script") != strings.Count(body, `<script src="/static/app.js" defer></script>`) {
			t.Errorf("GET %s: a script element other than app.js", u)
		}
	}
	// The hostile article page shows the text, escaped, and the template
	// action in it literally.
	body := get(t, srv, "GET", "/article/c3c3c3c3c3c3c3c3").Body.String()
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;", "{{.}}"} {
		if !strings.Contains(body, want) {
			t.Errorf("hostile article page lacks escaped %q", want)
		}
	}
	for _, u := range []string{"/event/c3c3c3c3c3c3c3c3-e1", "/story/ev2", "/"} {
		if body := get(t, srv, "GET", u).Body.String(); !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("GET %s: hostile text not shown escaped", u)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	srv, _ := newTestServer(t)
	for _, c := range []struct{ method, url string }{
		{"GET", "/"}, {"GET", "/static/style.css"}, {"GET", "/static/app.js"}, {"GET", "/api/events"},
		{"GET", "/nope"}, {"GET", "/api/events?from=bad"}, {"POST", "/"}, {"DELETE", "/api/events"}, {"HEAD", "/"},
	} {
		w := get(t, srv, c.method, c.url)
		h := w.Header()
		if got := h.Get("Content-Security-Policy"); got != CSP {
			t.Errorf("%s %s: CSP %q", c.method, c.url, got)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s %s: missing nosniff or referrer policy", c.method, c.url)
		}
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH"} {
		if w := get(t, srv, m, "/api/events"); w.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s /api/events: %d, want 405", m, w.Code)
		}
	}
	if !strings.Contains(CSP, "script-src 'self'") || strings.Contains(CSP, "unsafe-inline") {
		t.Errorf("CSP not strict: %s", CSP)
	}
	// No inline handlers, inline style, stray script or image element
	// anywhere in the pages, hostile fixture included: checked on the
	// parsed DOM, as a browser would build it.
	for _, u := range pageURLs {
		checkDOM(t, u, get(t, srv, "GET", u).Body.String())
	}
}

// checkDOM parses body as a browser would and fails on any event handler
// attribute, style attribute or element, javascript: URL, <img>, or
// <script> other than the app's own.
func checkDOM(t *testing.T, u, body string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "style", "img", "iframe", "object", "embed":
				t.Errorf("GET %s: <%s> element", u, n.Data)
			case "script":
				if len(n.Attr) == 0 || n.Attr[0].Key != "src" || n.Attr[0].Val != "/static/app.js" || n.FirstChild != nil {
					t.Errorf("GET %s: script element %v", u, n.Attr)
				}
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") || key == "style" || strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					t.Errorf("GET %s: <%s %s=%q>", u, n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func decode(t *testing.T, w *httptest.ResponseRecorder) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, w.Body.String())
	}
	return v
}

func TestAPIFilters(t *testing.T) {
	srv, _ := newTestServer(t)
	cases := []struct {
		url   string
		total int
	}{
		{"/api/events", 5},
		{"/api/events?actor=NOR", 5},
		{"/api/events?actor=nor", 5},
		{"/api/events?dyad=NOR-CHL", 3},
		{"/api/events?source=CHL&target=NOR", 2},
		{"/api/events?root=12", 2},
		{"/api/events?cameo=171", 1},
		{"/api/events?plover=consult", 1},
		{"/api/events?quad=3", 3},
		{"/api/events?from=2024-05-02&to=2024-05-03", 2},
		{"/api/events?story=ev1", 4},
		{"/api/events?article=a1a1a1a1a1a1a1a1", 1},
		{"/api/events?limit=2", 5},
		{"/api/articles", 3},
		{"/api/articles?q=trawler", 1},
		{"/api/articles?actor=CHL&to=2024-05-02", 1},
		{"/api/articles?story=ev1", 2},
		{"/api/quotes", 2},
		{"/api/quotes?speaker=Ana+Krell", 1},
		{"/api/quotes?actor=NOR", 1},
		{"/api/actors", 2},
		{"/api/actors?prefix=N", 1},
		{"/api/stories", 3},
		{"/api/stories?level=event", 2},
		{"/api/stories?q=trawler", 2},
	}
	for _, c := range cases {
		w := get(t, srv, "GET", c.url)
		if w.Code != 200 {
			t.Errorf("GET %s: %d %s", c.url, w.Code, w.Body.String())
			continue
		}
		v := decode(t, w)
		if got := int(v["total"].(float64)); got != c.total {
			t.Errorf("GET %s: total %d, want %d", c.url, got, c.total)
		}
	}
	v := decode(t, get(t, srv, "GET", "/api/events?limit=2&offset=4"))
	if items := v["items"].([]any); len(items) != 1 {
		t.Errorf("page 3 of 2: %d items, want 1", len(items))
	}
	// Newest first.
	v = decode(t, get(t, srv, "GET", "/api/events?limit=1"))
	if first := v["items"].([]any)[0].(map[string]any); first["date"] != "2024-05-04" || first["outlet"] == nil {
		t.Errorf("first event: %v", first)
	}
	v = decode(t, get(t, srv, "GET", "/api/dyads?actor=NOR"))
	if items := v["items"].([]any); len(items) != 2 {
		t.Errorf("dyads of NOR: %v", items)
	}
	v = decode(t, get(t, srv, "GET", "/api/actors/NOR"))
	if v["name"] != "Norway" || v["as_source"].(float64) != 3 {
		t.Errorf("actor NOR: %v", v)
	}
	v = decode(t, get(t, srv, "GET", "/api/events/a1a1a1a1a1a1a1a1-e1"))
	if m, ok := v["merged"].(map[string]any); !ok || m["id"] != "m1" {
		t.Errorf("event a1-e1 merged: %v", v["merged"])
	}
	v = decode(t, get(t, srv, "GET", "/api/stories/ev1"))
	if ms := v["merged_events"].([]any); len(ms) != 2 {
		t.Errorf("story ev1 merged events: %d", len(ms))
	}
}

// TestHostileFilters: hostile filter values give 400 or an empty result,
// never a 500, never SQL in the answer, and never change the database.
func TestHostileFilters(t *testing.T) {
	srv, st := newTestServer(t)
	ctx := context.Background()
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	values := []string{
		`' OR 1=1 --`, `" OR ""="`, `%`, `_`, `*`, `\`, "a\x00b", "\x00", strings.Repeat("A", 10<<10),
		`1; DROP TABLE events; --`, `NOR' UNION SELECT sql FROM sqlite_master --`, `2024-13-45`, `2024-02-30`, `yesterday`,
		`-1`, `99999999999999999999`, "\xff\xfe", `<script>alert(1)</script>`, `NOR-`, `-`, `)`, `json_each`, `?`, `%00`, "NOT", `"x" AND "y"`,
	}
	endpoints := map[string][]string{
		"/api/events":   {"actor", "source", "target", "dyad", "from", "to", "cameo", "root", "plover", "quad", "article", "story", "limit", "offset"},
		"/api/articles": {"q", "actor", "outlet", "from", "to", "story", "limit", "offset"},
		"/api/quotes":   {"speaker", "actor", "article", "story"},
		"/api/actors":   {"prefix", "story"},
		"/api/dyads":    {"actor", "from", "to", "story", "limit"},
		"/api/stories":  {"q", "actor", "from", "to", "level"},
		"/":             {"q", "actor", "from", "to", "level"},
		"/articles":     {"q", "actor", "outlet", "from", "to"},
		"/events":       {"actor", "dyad", "cameo", "from", "story", "quad"},
		"/actors":       {"prefix"},
		"/actor/NOR":    {"offset", "limit"},
	}
	n := 0
	for ep, names := range endpoints {
		for _, name := range names {
			for _, v := range values {
				u := ep + "?" + name + "=" + url.QueryEscape(v)
				w := get(t, srv, "GET", u)
				n++
				body := w.Body.String()
				switch w.Code {
				case 200:
					if strings.HasPrefix(ep, "/api/") {
						if got, ok := decode(t, w)["total"]; ok && got.(float64) != 0 && !strings.Contains("limit offset q", name) {
							t.Errorf("GET %s: hostile value matched %v records", trim(u), got)
						}
					}
				case 400, 404:
				default:
					t.Errorf("GET %s: status %d", trim(u), w.Code)
				}
				low := strings.ToLower(body)
				for _, leak := range []string{"sqlite:", "syntax error", "no such", "sql:", "near &#34;", "near \""} {
					if strings.Contains(low, leak) {
						t.Errorf("GET %s: answer leaks %q: %s", trim(u), leak, trim(body))
					}
				}
			}
		}
	}
	// Raw, unencoded hostile bytes in the query string too.
	for _, raw := range []string{"/api/events?actor=%", "/api/events?actor='%20OR%201=1%20--", "/api/events?from=%00", "/?q=%ZZ"} {
		if w := get(t, srv, "GET", raw); w.Code != 400 && w.Code != 200 {
			t.Errorf("GET %s: %d", raw, w.Code)
		}
	}
	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("the database changed: %+v -> %+v", before, after)
	}
	t.Logf("%d hostile requests", n)
}

func trim(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

func TestHTTPServerTimeouts(t *testing.T) {
	hs := NewHTTPServer("127.0.0.1:0", http.NotFoundHandler())
	if hs.ReadHeaderTimeout == 0 || hs.ReadTimeout == 0 || hs.WriteTimeout == 0 || hs.IdleTimeout == 0 || hs.MaxHeaderBytes == 0 {
		t.Errorf("server without limits: %+v", hs)
	}
}
