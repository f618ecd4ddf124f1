package webpage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/sitrep/sitrep/internal/model"
)

// role is what an element means to the block walker.
type role uint8

const (
	roleInline  role = iota // text flows through it
	roleSkip                // never text: scripts, styles, forms, media
	roleBlock               // starts and ends a block
	roleHeading             // a block of kind heading
	roleCaption             // a block of kind caption
	roleCell                // a table cell: its text is set apart by a space
	roleBreak               // <br>
	rolePre                 // a block whose line breaks are kept
)

var roles = map[string]role{
	"script": roleSkip, "style": roleSkip, "noscript": roleSkip, "template": roleSkip,
	"head": roleSkip, "title": roleSkip, "svg": roleSkip, "math": roleSkip,
	"iframe": roleSkip, "object": roleSkip, "embed": roleSkip, "select": roleSkip,
	"option": roleSkip, "textarea": roleSkip, "button": roleSkip, "canvas": roleSkip,
	"audio": roleSkip, "video": roleSkip, "map": roleSkip, "datalist": roleSkip,

	"h1": roleHeading, "h2": roleHeading, "h3": roleHeading,
	"h4": roleHeading, "h5": roleHeading, "h6": roleHeading,

	"figcaption": roleCaption, "caption": roleCaption,

	"td": roleCell, "th": roleCell,
	"br":  roleBreak,
	"pre": rolePre,

	"html": roleBlock, "body": roleBlock, "p": roleBlock, "div": roleBlock,
	"section": roleBlock, "article": roleBlock, "main": roleBlock,
	"header": roleBlock, "footer": roleBlock, "aside": roleBlock, "nav": roleBlock,
	"ul": roleBlock, "ol": roleBlock, "li": roleBlock, "dl": roleBlock,
	"dt": roleBlock, "dd": roleBlock, "blockquote": roleBlock, "table": roleBlock,
	"thead": roleBlock, "tbody": roleBlock, "tfoot": roleBlock, "tr": roleBlock,
	"figure": roleBlock, "hr": roleBlock, "address": roleBlock, "details": roleBlock,
	"summary": roleBlock, "form": roleBlock, "fieldset": roleBlock, "legend": roleBlock,
	"center": roleBlock, "menu": roleBlock, "dir": roleBlock, "hgroup": roleBlock,
	"frameset": roleBlock, "frame": roleBlock, "dialog": roleBlock,
}

func roleOf(n *html.Node) role {
	if n.Namespace != "" && n.Namespace != "html" {
		return roleSkip
	}
	return roles[n.Data] // roleInline for unknown and inline tags
}

// walkBlocks turns trafilatura's content tree into blocks. orig is the
// layout text of the whole page (see layoutText), used to decide whether
// two trimmed pieces of text were separated by white space.
func walkBlocks(root *html.Node, orig string) []Block {
	if root == nil {
		return nil
	}
	w := walker{orig: orig, budget: 32*len(orig) + 1<<20}
	w.walk(root, model.KindBody, false, 0)
	w.flush()
	return w.blocks
}

// maxDepth bounds the recursion on absurdly nested trees. The HTML parser
// already limits nesting, this is a second guard.
const maxDepth = 512

type walker struct {
	orig   string
	blocks []Block
	// cur is where the last junction was found in orig; budget is how many
	// more bytes of orig junction look-ups may scan.
	cur, budget int

	buf  []byte
	kind model.ParagraphKind
	// space is set when white space separates what buf holds from the next
	// text; newline when a line break does.
	space, newline bool
}

func (w *walker) walk(n *html.Node, kind model.ParagraphKind, pre bool, depth int) {
	if depth > maxDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, kind, pre)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	r := roleInline
	if n.Type == html.ElementNode {
		r = roleOf(n)
	}
	switch r {
	case roleSkip:
		return
	case roleBreak:
		w.lineBreak()
		return
	case roleCell:
		w.space = true
	case roleBlock, roleHeading, roleCaption, rolePre:
		w.flush()
		switch r {
		case roleHeading:
			kind = model.KindHeading
		case roleCaption:
			kind = model.KindCaption
		case rolePre:
			pre = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, kind, pre, depth+1)
	}
	switch r {
	case roleCell:
		w.space = true
	case roleBlock, roleHeading, roleCaption, rolePre:
		w.flush()
	}
}

// lineBreak records a <br>. Two in a row end the block: pages that lay out
// paragraphs with <br><br> get one block per paragraph.
func (w *walker) lineBreak() {
	if len(w.buf) == 0 {
		return
	}
	if w.newline {
		w.flush()
		return
	}
	w.newline = true
}

// text appends a text node's data to the current block.
func (w *walker) text(s string, kind model.ParagraphKind, pre bool) {
	folded, lead, trail := fold(s, pre)
	if folded == "" {
		if lead && len(w.buf) > 0 {
			if pre && strings.ContainsRune(s, '\n') {
				w.newline = true
			} else {
				w.space = true
			}
		}
		return
	}
	switch {
	case len(w.buf) == 0:
		w.kind = kind
	case w.newline:
		w.buf = append(w.buf, '\n')
	case w.space || lead || w.spaced(folded):
		w.buf = append(w.buf, ' ')
	}
	w.buf = append(w.buf, folded...)
	w.space, w.newline = trail, false
	if pre && trail && strings.ContainsRune(s[len(strings.TrimRightFunc(s, unicode.IsSpace)):], '\n') {
		w.space, w.newline = false, true
	}
}

// junctionContext is how many bytes each side of a junction are looked up
// in the page's layout text.
const junctionContext = 24

// spaced reports whether next, which follows the block's text with no white
// space in the content tree, was preceded by white space in the page.
// Trafilatura trims every text node, so "<b>T</b>he" and "<b>the</b> end"
// look alike in its tree; the page's layout text tells them apart. When the
// junction is not found either way, a space is the safe choice: it may split
// a word but never glues two.
func (w *walker) spaced(next string) bool {
	left := tail(w.buf, junctionContext)
	right := head(next, junctionContext)
	withSpace, glued := left+" "+right, left+right
	// Try the likelier form first: a match ends the search.
	if gluedLikely(left, right) {
		return !w.find(glued)
	}
	if w.find(withSpace) {
		return true
	}
	return !w.find(glued)
}

// gluedLikely reports whether two pieces are probably written without a
// space between them, as before closing punctuation.
func gluedLikely(left, right string) bool {
	r, _ := utf8.DecodeRuneInString(right)
	l, _ := utf8.DecodeLastRuneInString(left)
	return strings.ContainsRune(".,;:!?)]}%’”»…", r) || strings.ContainsRune("([{“‘«", l)
}

// find reports whether s occurs in the layout text. It looks first after
// the previous match, since the content comes in page order, then before
// it. Every byte scanned is charged to the walker's budget; once it is spent
// find reports false, so a huge page with many junctions costs linear time.
func (w *walker) find(s string) bool {
	if w.budget <= 0 {
		return false
	}
	rest := w.orig[w.cur:]
	if i := strings.Index(rest, s); i >= 0 {
		w.budget -= i + len(s)
		w.cur += i
		return true
	}
	w.budget -= len(rest)
	if w.budget <= 0 {
		return false
	}
	before := w.orig[:min(len(w.orig), w.cur+len(s)-1)]
	w.budget -= len(before)
	if i := strings.Index(before, s); i >= 0 {
		w.cur = i
		return true
	}
	return false
}

// flush ends the current block.
func (w *walker) flush() {
	t := strings.TrimSpace(string(w.buf))
	if t != "" {
		w.blocks = append(w.blocks, Block{Text: t, Kind: w.kind})
	}
	w.buf = w.buf[:0]
	w.space, w.newline = false, false
	w.kind = model.KindBody
}

// fold collapses each run of white space in s to one space and trims it,
// reporting whether s began or ended with white space. In pre mode, a run
// holding a line break becomes "\n" instead.
func fold(s string, pre bool) (folded string, lead, trail bool) {
	var sb strings.Builder
	inSpace, nl := false, false
	for i, r := range s {
		if unicode.IsSpace(r) {
			if i == 0 {
				lead = true
			}
			inSpace = true
			nl = nl || r == '\n'
			continue
		}
		if inSpace && sb.Len() > 0 {
			if pre && nl {
				sb.WriteByte('\n')
			} else {
				sb.WriteByte(' ')
			}
		}
		inSpace, nl = false, false
		if r == utf8.RuneError {
			sb.WriteRune(unicode.ReplacementChar)
			continue
		}
		sb.WriteRune(r)
	}
	return sb.String(), lead, inSpace
}

// tail returns about the last n bytes of b, cut at a rune boundary, with
// line breaks as spaces (the layout text has no line breaks).
func tail(b []byte, n int) string {
	i := max(0, len(b)-n)
	for i < len(b) && !utf8.RuneStart(b[i]) {
		i++
	}
	return strings.ReplaceAll(string(b[i:]), "\n", " ")
}

// head returns about the first n bytes of s, cut at a rune boundary.
func head(s string, n int) string {
	if len(s) <= n {
		return strings.ReplaceAll(s, "\n", " ")
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.ReplaceAll(s[:n], "\n", " ")
}

// layoutText returns the text of the page body roughly as a browser lays it
// out on one line: text nodes concatenated, white space folded, and a space
// where a block element or <br> starts or ends.
func layoutText(doc *html.Node) string {
	var sb strings.Builder
	space := true
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			for _, r := range n.Data {
				if unicode.IsSpace(r) {
					if !space {
						sb.WriteByte(' ')
						space = true
					}
					continue
				}
				sb.WriteRune(r)
				space = false
			}
			return
		case html.ElementNode, html.DocumentNode:
		default:
			return
		}
		r := roleInline
		if n.Type == html.ElementNode {
			r = roleOf(n)
		}
		if r == roleSkip {
			return
		}
		if r != roleInline && !space {
			sb.WriteByte(' ')
			space = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if r != roleInline && !space {
			sb.WriteByte(' ')
			space = true
		}
	}
	walk(doc, 0)
	return sb.String()
}
