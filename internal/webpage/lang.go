package webpage

import (
	"strings"
	"unicode"

	"github.com/RadhiFadlillah/whatlanggo"
	"golang.org/x/net/html"
)

// maxLangBytes caps how much main text the language classifier reads; a
// few paragraphs decide it.
const maxLangBytes = 16 << 10

// language returns the ISO 639-1 code of text when the classifier is
// confident, else the language the page declares, else "". Trafilatura's
// own guess is not used: on short texts the classifier breaks ties in map
// order, so its answer changes from run to run; a confident answer has no
// tie.
func language(text string, doc *html.Node) string {
	if len(text) > maxLangBytes {
		text = text[:maxLangBytes]
	}
	if info := whatlanggo.Detect(text); info.IsReliable() {
		if code := info.Lang.Iso6391(); code != "" {
			return code
		}
	}
	return declaredLanguage(doc)
}

// declaredLanguage returns the primary language subtag the page declares
// in <html lang>, a content-language meta tag or og:locale.
func declaredLanguage(doc *html.Node) string {
	var found string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if found != "" || depth > 8 {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				found = primaryTag(attr(n, "lang"))
			case "meta":
				if strings.EqualFold(attr(n, "http-equiv"), "content-language") ||
					attr(n, "property") == "og:locale" {
					found = primaryTag(attr(n, "content"))
				}
			case "body":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// primaryTag returns the two-letter primary subtag of a language tag such
// as "pt-BR" or "en_US", lower-cased, or "" when it has none.
func primaryTag(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_,; "); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || !unicode.IsLetter(rune(tag[0])) || !unicode.IsLetter(rune(tag[1])) {
		return ""
	}
	return strings.ToLower(tag)
}
