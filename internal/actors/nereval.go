package actors

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// IOBSentence is one sentence of an IOB2 file: words and their tags
// ("B-PER", "I-ORG", "O").
type IOBSentence struct {
	Doc   string
	Words []string
	Tags  []string
}

// ReadIOB2 reads a Universal NER IOB2 file: "# newdoc id = ..." comments,
// one token a line with tab-separated index, word and tag (more columns
// are ignored), and blank lines between sentences.
func ReadIOB2(r io.Reader) ([]IOBSentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var out []IOBSentence
	var cur IOBSentence
	doc := ""
	line := 0
	flush := func() {
		if len(cur.Words) > 0 {
			cur.Doc = doc
			out = append(out, cur)
		}
		cur = IOBSentence{}
	}
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			flush()
			continue
		}
		if strings.HasPrefix(text, "#") {
			if id, ok := strings.CutPrefix(text, "# newdoc id = "); ok {
				flush()
				doc = strings.TrimSpace(id)
			}
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("line %d: want index, word and tag, got %d fields", line, len(f))
		}
		cur.Words = append(cur.Words, f[1])
		cur.Tags = append(cur.Tags, f[2])
	}
	flush()
	return out, sc.Err()
}

// typedSpan is an entity over word indexes [s,e).
type typedSpan struct {
	s, e int
	kind string
}

// iobSpans decodes IOB2 tags into entity spans of the kinds PER, ORG and
// LOC; other kinds are ignored.
func iobSpans(tags []string) []typedSpan {
	var out []typedSpan
	for i := 0; i < len(tags); {
		tag := tags[i]
		if len(tag) < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-' {
			i++
			continue
		}
		kind := tag[2:]
		j := i + 1
		for j < len(tags) && tags[j] == "I-"+kind {
			j++
		}
		if kind == KindPER || kind == KindORG || kind == KindLOC {
			out = append(out, typedSpan{s: i, e: j, kind: kind})
		}
		i = j
	}
	return out
}

// NERScore holds span-exact, type-matched precision, recall and F1.
type NERScore struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	// SpanF1 is the F1 of the spans alone, with the type ignored.
	SpanF1      float64 `json:"span_f1"`
	spanCorrect int
	// PerKind holds the same figures per entity type.
	PerKind map[string]*NERScore `json:"per_kind,omitempty"`
}

func (s *NERScore) finish() {
	if s.Predicted > 0 {
		s.Precision = float64(s.Correct) / float64(s.Predicted)
	}
	if s.Gold > 0 {
		s.Recall = float64(s.Correct) / float64(s.Gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if s.Gold+s.Predicted > 0 {
		s.SpanF1 = 2 * float64(s.spanCorrect) / float64(s.Gold+s.Predicted)
	}
}

// EvalNER scores the resolver's name recognition on IOB2 sentences. The
// sentences of one document are annotated together as one article (one
// paragraph per sentence, the file's tokens as the article's tokens), so
// that document context counts as it does in news. Predicted entities are
// the mentions that are names: base, dictionary and recognised names with
// their kind (PER, ORG, LOC; states, capitals and cities are LOC, state
// bodies, organisations and armed groups ORG, people PER). Demonyms
// ("Iranian"), descriptions ("the minister"), title phrases and pronouns
// are not names and are not scored. A prediction is correct when its word
// span and kind equal a gold entity's.
func (r *Resolver) EvalNER(sents []IOBSentence) NERScore {
	total := NERScore{PerKind: map[string]*NERScore{}}
	for _, k := range []string{KindPER, KindORG, KindLOC} {
		total.PerKind[k] = &NERScore{}
	}
	for i := 0; i < len(sents); {
		j := i + 1
		for j < len(sents) && sents[j].Doc == sents[i].Doc && sents[i].Doc != "" {
			j++
		}
		r.evalDoc(sents[i:j], &total)
		i = j
	}
	for _, s := range total.PerKind {
		s.finish()
	}
	total.finish()
	return total
}

// evalDoc annotates one document and adds its counts to total.
func (r *Resolver) evalDoc(sents []IOBSentence, total *NERScore) { r.evalDocPreds(sents, total) }

// evalDocPreds annotates one document, adds its counts to total and
// returns the predicted spans per sentence.
func (r *Resolver) evalDocPreds(sents []IOBSentence, total *NERScore) []map[typedSpan]bool {
	a, where := iobArticle(sents)
	st := r.annotate(a)
	pred := make([]map[typedSpan]bool, len(sents))
	for i := range pred {
		pred[i] = map[typedSpan]bool{}
	}
	if st != nil {
		// st.toks are the article's tokens one for one (no captions, no
		// empty tokens), so token indexes map back to words.
		for _, m := range st.ments {
			if m.role == "govOf" && m.nameEnd > m.s {
				// "the Bush administration" names a person.
				m.kind, m.e, m.name = KindPER, m.nameEnd, true
			}
			if m.kind == "" || !m.name || m.desc || m.pron || m.demonym {
				continue
			}
			ws, we := where[m.s], where[m.e-1]
			if ws.sent != we.sent {
				continue
			}
			pred[ws.sent][typedSpan{s: ws.word, e: we.word + 1, kind: m.kind}] = true
		}
	}
	for si, s := range sents {
		gold := iobSpans(s.Tags)
		for p := range pred[si] {
			for _, g := range gold {
				if g.s == p.s && g.e == p.e {
					total.spanCorrect++
				}
			}
		}
		for _, g := range gold {
			total.Gold++
			total.PerKind[g.kind].Gold++
			if pred[si][g] {
				total.Correct++
				total.PerKind[g.kind].Correct++
			}
		}
		for p := range pred[si] {
			total.Predicted++
			total.PerKind[p.kind].Predicted++
		}
	}
	return pred
}

// debugPreds is evalDoc's prediction step, for tests.
func (r *Resolver) debugPreds(sents []IOBSentence) []map[typedSpan]bool {
	var tot NERScore
	tot.PerKind = map[string]*NERScore{"PER": {}, "ORG": {}, "LOC": {}}
	return r.evalDocPreds(sents, &tot)
}

// wordPos locates a token of an IOB2 article: sentence and word.
type wordPos struct{ sent, word int }

// iobArticle builds an article from IOB2 sentences: the words joined by
// spaces, one paragraph and sentence per IOB2 sentence, one token a word.
func iobArticle(sents []IOBSentence) (*model.Article, []wordPos) {
	a := &model.Article{Format: "iob2"}
	var b strings.Builder
	var where []wordPos
	for si, s := range sents {
		if si > 0 {
			b.WriteString("\n\n")
		}
		pstart := b.Len()
		first := len(a.Tokens)
		for wi, w := range s.Words {
			if wi > 0 {
				b.WriteByte(' ')
			}
			start := b.Len()
			b.WriteString(w)
			a.Tokens = append(a.Tokens, model.Token{Span: model.Span{Start: start, End: b.Len()}, SpaceAfter: true})
			where = append(where, wordPos{si, wi})
		}
		a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: model.Span{Start: pstart, End: b.Len()}, Raw: model.NoSpan, Kind: model.KindBody})
		a.Sentences = append(a.Sentences, model.Sentence{Span: model.Span{Start: pstart, End: b.Len()}, Paragraph: si, FirstToken: first, EndToken: len(a.Tokens)})
	}
	a.Text = b.String()
	return a, where
}
