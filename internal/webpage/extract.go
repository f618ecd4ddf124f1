package webpage

import (
	"errors"
	"fmt"
	nurl "net/url"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/sitrep/sitrep/internal/model"
)

// Block is one paragraph-level block of main text.
type Block struct {
	// Text is the block's text with white space folded to single spaces
	// and trimmed. It may hold single "\n" where the page had a line break
	// (<br>, or a new line inside <pre>); it never holds "\n\n".
	Text string
	// Kind is KindHeading for h1-h6, KindCaption for figcaption and table
	// captions, KindBody otherwise. Extract never sets KindStandfirst: the
	// content tree carries no reliable sign of one.
	Kind model.ParagraphKind
}

// Page is what Extract found in one HTML page. Every field may be empty.
type Page struct {
	// Title, Author, Sitename and Description come from the page's
	// metadata (<meta>, Open Graph, JSON-LD) or, failing that, its DOM.
	Title       string
	Author      string
	Sitename    string
	Description string
	// URL is the page's canonical URL when it declares one, else
	// Options.URL.
	URL string
	// Language is an ISO 639-1 code: the language of the main text when
	// the classifier is confident, else the one the page declares.
	Language string
	// Date is the publication date, YYYY-MM-DD, as go-htmldate found it,
	// or "" when it found none.
	Date string
	// DateOriginal is true when Date was found by the search for the
	// original publication date; false when only a most-recent date (which
	// may be an update) was found, or when Date is "".
	DateOriginal bool
	// Truncated is true when the input was longer than Options.MaxBytes, or
	// its text longer than 256 KiB, and only its beginning was read.
	Truncated bool
	// Blocks is the main text, in reading order.
	Blocks []Block
}

// Text returns the main text: the blocks' texts joined by "\n\n", the form
// model.Article.Text takes.
func (p Page) Text() string {
	var n int
	for _, b := range p.Blocks {
		n += len(b.Text) + 2
	}
	var sb strings.Builder
	sb.Grow(n)
	for i, b := range p.Blocks {
		if i > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(b.Text)
	}
	return sb.String()
}

// DefaultMaxBytes is the input size Extract reads when Options.MaxBytes is
// 0. News pages are rarely above 2 MiB, most of it scripts and styles.
const DefaultMaxBytes = 8 << 20

// maxTextBytes caps the text the page's tree may hold: text beyond it is cut
// before extraction. Trafilatura's work grows with the square of the text
// (1 MiB of paragraphs takes about 2 s, 8 MiB a minute); a long article
// has 50 KiB.
const maxTextBytes = 256 << 10

// Options tunes Extract. The zero value is ready to use.
type Options struct {
	// URL is the address the page was fetched from. It is optional; it
	// helps resolve relative links and lets go-htmldate read a date in the
	// path.
	URL string
	// MaxBytes caps how much of the input is read; 0 means
	// DefaultMaxBytes, a negative value means no cap.
	MaxBytes int
}

// ErrNoText is returned, wrapped, when the page has no main text.
var ErrNoText = errors.New("webpage: no main text")

// ErrTooDeep is returned, wrapped, when the page nests elements deeper than
// the HTML parser accepts (512 levels): such pages are not read at all.
var ErrTooDeep = errors.New("webpage: elements nested deeper than 512 levels")

// errPanicked marks a panic inside the extraction libraries, recovered and
// returned as an error. Tests check for it: a panic is always a bug.
var errPanicked = errors.New("webpage: extraction panicked")

// Extract finds the main text and metadata of an HTML page. html must be
// decoded (UTF-8; invalid bytes are replaced). It returns an error wrapping
// ErrNoText when the page has no main text; the Page returned with it holds
// what was found before extraction gave up (URL and date at least). Other
// errors come from the HTML parser (it refuses trees nested deeper than 512
// elements) or from a panic inside the libraries, recovered. Extract does
// not panic, and the same input always gives the same result.
func Extract(html string, opts Options) (page Page, err error) {
	defer func() {
		if r := recover(); r != nil {
			page = Page{}
			err = fmt.Errorf("%w: %v\n%s", errPanicked, r, debug.Stack())
		}
	}()
	return extract(html, opts)
}

func extract(src string, opts Options) (Page, error) {
	var page Page
	limit := opts.MaxBytes
	if limit == 0 {
		limit = DefaultMaxBytes
	}
	if limit > 0 && len(src) > limit {
		src = truncate(src, limit)
		page.Truncated = true
	}
	if !utf8.ValidString(src) {
		src = strings.ToValidUTF8(src, "\uFFFD")
	}
	page.URL = opts.URL
	if strings.TrimSpace(src) == "" {
		return page, fmt.Errorf("%w: empty input", ErrNoText)
	}

	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements exceeds") {
			return page, fmt.Errorf("%w: %v", ErrTooDeep, err)
		}
		return page, fmt.Errorf("webpage: parse: %w", err)
	}

	if cutText(doc, maxTextBytes) {
		page.Truncated = true
	}

	// The date first, on the untouched tree; trafilatura is then told not
	// to search again.
	page.Date, page.DateOriginal = findDate(doc, opts.URL)

	// Options measured on the Zyte benchmark (see package evaluate):
	// FavorRecall without the readability / dom-distiller fallback scored
	// best and is the fastest; the fallback sometimes swaps a good
	// extraction for a noisier candidate. Comments are never article text.
	// Tables stay in: news pages put results and figures in them.
	topts := trafilatura.Options{
		Focus:            trafilatura.FavorRecall,
		EnableFallback:   false,
		ExcludeComments:  true,
		HtmlDateOverride: &htmldate.Result{},
	}
	if u, err := nurl.ParseRequestURI(opts.URL); err == nil && u.Host != "" {
		topts.OriginalURL = u
	}
	// The text of the page as a browser would lay it out, to restore the
	// spacing trafilatura trims away. Built before trafilatura runs.
	orig := layoutText(doc)

	res, err := trafilatura.ExtractDocument(doc, topts)
	if err != nil || res == nil {
		if err == nil {
			err = errors.New("no result")
		}
		return page, fmt.Errorf("%w: %v", ErrNoText, err)
	}
	m := res.Metadata
	page.Title = m.Title
	page.Author = m.Author
	page.Sitename = dedupeList(m.Sitename)
	page.Description = m.Description
	if m.URL != "" {
		page.URL = m.URL
	}
	page.Blocks = walkBlocks(res.ContentNode, orig)
	page.Blocks = dropHeadline(dedupeBlocks(page.Blocks), page.Title)
	page.Language = language(page.Text(), doc)
	if len(page.Blocks) == 0 {
		return page, fmt.Errorf("%w: empty content", ErrNoText)
	}
	return page, nil
}

// truncate cuts s to at most n bytes, at a tag start when one is near the
// end and always at a rune boundary.
func truncate(s string, n int) string {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, '<'); i >= n-n/16 {
		s = s[:i]
	}
	return s
}

// findDate returns the page's publication date, preferring the original
// date, and whether the original-date search found it.
func findDate(doc *html.Node, url string) (string, bool) {
	for _, original := range []bool{true, false} {
		res, err := htmldate.FromDocument(doc, htmldate.Options{
			URL:                 url,
			UseOriginalDate:     original,
			SkipExtensiveSearch: true,
		})
		if err == nil && !res.IsZero() {
			return res.DateTime.Format("2006-01-02"), original
		}
	}
	return "", false
}

// dedupeList drops repeats from a "; "-separated list, which trafilatura
// builds when a page declares the same value in several places.
func dedupeList(s string) string {
	parts := strings.Split(s, "; ")
	if len(parts) < 2 {
		return s
	}
	out := parts[:0]
	seen := make(map[string]bool, len(parts))
	for _, p := range parts {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}

// dedupeBlocks drops a block that repeats the one before it. Trafilatura's
// rescue extraction can return the same short text twice, and pages repeat a
// paragraph only by mistake.
func dedupeBlocks(bs []Block) []Block {
	out := bs[:0]
	for _, b := range bs {
		if len(out) > 0 && b.Text == out[len(out)-1].Text {
			continue
		}
		out = append(out, b)
	}
	return out
}

// cutText removes every node after the first limit bytes of text in n, in
// document order, and reports whether it removed any. Text in scripts and
// styles is not counted: the extractors drop it unread.
func cutText(n *html.Node, limit int) bool {
	budget := limit
	var cut bool
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch {
			case budget <= 0:
				n.RemoveChild(c)
				cut = true
			case c.Type == html.TextNode:
				budget -= len(c.Data)
			case c.Type == html.ElementNode && roleOf(c) == roleSkip && c.Data != "head":
			case depth < maxDepth:
				walk(c, depth+1)
			}
			c = next
		}
	}
	walk(n, 0)
	return cut
}
