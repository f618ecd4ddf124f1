package extract

import (
	"strings"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/webpage"
)

// htmlPage runs main-text extraction on an HTML document.
func htmlPage(doc model.Document) (webpage.Page, error) {
	return webpage.Extract(doc.Raw, webpage.Options{URL: doc.Meta.URL})
}

// blocksToParas turns extracted HTML blocks into paragraphs for the shared
// cleaner. HTML blocks have no single raw range, so their raw spans are
// NoSpan; line breaks inside a block are folded.
func blocksToParas(blocks []webpage.Block) []rawPara {
	ps := make([]rawPara, 0, len(blocks))
	for _, b := range blocks {
		text := foldSpace(strings.ReplaceAll(b.Text, "\n", " "))
		if text == "" {
			continue
		}
		hint := b.Kind
		if hint == model.KindBody {
			hint = ""
		}
		ps = append(ps, rawPara{text: text, raw: model.NoSpan, hint: hint})
	}
	return ps
}
