package events

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/internal/model"
)

// Coder codes events with a code table and one or more dictionaries. It is
// immutable after construction and safe for concurrent use.
type Coder struct {
	codes map[string]Code
	dicts []*Dictionary
	// requireTarget drops events whose target is unresolved.
	requireTarget bool
	// literal keeps dictionary codes as matched (no refusal or intent
	// recoding).
	literal bool
	// keepUntargeted keeps events with an unresolved target whose code
	// needs one.
	keepUntargeted bool
	discards       *Discards
}

// Options tune a Coder.
type Options struct {
	// RequireTarget drops events with an unresolved target instead of
	// keeping them with Target.Code "".
	RequireTarget bool
	// Literal keeps the dictionary's codes as matched: a negated
	// cooperation is not recoded as a refusal nor an announced one as an
	// intent (both are CAMEO coding rules; PETRARCH's test suite, whose
	// dictionary uses other codes, expects them off). Negation and
	// modality are still flagged.
	Literal bool
	// KeepUntargeted keeps events with an unresolved target even when
	// their code means an act on someone (appeal, consult, cooperate,
	// aid, investigate, demand, disapprove, reject, threaten, reduce
	// relations: CAMEO 02, 04–07, 09–13, 16). By default such events are
	// dropped: without a target they are no dyadic event and mostly come
	// from clauses that name no second actor.
	KeepUntargeted bool
	// Discards, when not nil, drops the events of articles and sentences
	// holding its phrases (PETRARCH's discard dictionary).
	Discards *Discards
}

var (
	defaultOnce  sync.Once
	defaultCoder *Coder
	defaultErr   error
)

// Codes returns the embedded code table, keyed by CAMEO code.
func Codes() (map[string]Code, error) { return parseCodes(codesTSV) }

// ProjectDictionary returns the project's embedded verb-pattern dictionary.
func ProjectDictionary() (*Dictionary, error) {
	codes, err := Codes()
	if err != nil {
		return nil, err
	}
	return LoadDictionary(bytes.NewReader(verbsYAML), "verbs.yaml", codes)
}

// Default returns the coder with the embedded code table and the
// project's dictionary, loaded once and shared.
func Default() (*Coder, error) {
	defaultOnce.Do(func() {
		d, err := ProjectDictionary()
		if err != nil {
			defaultErr = err
			return
		}
		defaultCoder, defaultErr = New(Options{}, d)
	})
	return defaultCoder, defaultErr
}

// New returns a coder over the embedded code table and dicts; a trigger is
// looked up in each dictionary in turn and the first that has its lemma
// decides.
func New(opt Options, dicts ...*Dictionary) (*Coder, error) {
	codes, err := Codes()
	if err != nil {
		return nil, err
	}
	return &Coder{codes: codes, dicts: dicts, requireTarget: opt.RequireTarget, literal: opt.Literal, keepUntargeted: opt.KeepUntargeted, discards: opt.Discards}, nil
}

// Code returns the code table's entry for a CAMEO code.
func (c *Coder) Code(code string) (Code, bool) {
	k, ok := c.codes[code]
	return k, ok
}

// Annotate fills a.Events with the events of the article's body and
// standfirst sentences, in text order, replacing any earlier events. It
// needs Token.Syntax (sentences without a parse are skipped, with one info
// diagnostic) and reads Mentions, Quotes and Timexes when present. It
// never panics: a broken invariant is reported as a diagnostic and the
// article keeps the events coded before it.
func (c *Coder) Annotate(a *model.Article) (diags []model.Diagnostic) {
	a.Events = nil
	defer func() {
		if r := recover(); r != nil {
			diags = append(diags, model.Diagnostic{Severity: model.Warning, Stage: "events", Code: "events-bug", File: a.SourceFile,
				Message: fmt.Sprintf("BUG: event coding stopped: %v", r)})
		}
	}()
	x := newArticleIndex(a)
	if c.discards.storyDiscarded(x) {
		return diags
	}
	unparsed := 0
	for si, s := range a.Sentences {
		if s.Paragraph >= 0 && s.Paragraph < len(a.Paragraphs) {
			switch a.Paragraphs[s.Paragraph].Kind {
			case model.KindBody, model.KindStandfirst, "":
			default:
				continue
			}
		}
		if s.FirstToken < 0 || s.EndToken > len(a.Tokens) || s.FirstToken >= s.EndToken {
			continue
		}
		if a.Tokens[s.FirstToken].Syntax == nil {
			unparsed++
			continue
		}
		if c.discards.sentenceDiscarded(x, s) {
			continue
		}
		c.codeSentence(x, si)
	}
	if unparsed > 0 {
		diags = append(diags, model.Diagnostic{Severity: model.Info, Stage: "events", Code: "no-parse", File: a.SourceFile,
			Message: fmt.Sprintf("%d sentences have no parse and were not coded", unparsed)})
	}
	for i := range a.Events {
		a.Events[i].ID = a.ID + "-e" + strconv.Itoa(i+1)
	}
	return diags
}

// articleIndex holds lookups built once per article.
type articleIndex struct {
	a       *model.Article
	kids    [][]int // children of each token, in order
	mention []int   // token -> index in a.Mentions, or -1
	lower   []string
}

func newArticleIndex(a *model.Article) *articleIndex {
	n := len(a.Tokens)
	x := &articleIndex{a: a, kids: make([][]int, n), mention: make([]int, n), lower: make([]string, n)}
	for i := range a.Tokens {
		x.mention[i] = -1
		x.lower[i] = strings.ToLower(a.Tokens[i].Span.In(a.Text))
		if s := a.Tokens[i].Syntax; s != nil && s.Head >= 0 && s.Head < n && s.Head != i {
			x.kids[s.Head] = append(x.kids[s.Head], i)
		}
	}
	// Mentions are in text order; tokens too: one sweep.
	ti := 0
	for mi, m := range a.Mentions {
		for ti < n && a.Tokens[ti].Span.End <= m.Span.Start {
			ti++
		}
		for j := ti; j < n && a.Tokens[j].Span.Start < m.Span.End; j++ {
			if x.mention[j] < 0 || (m.Actor != "" && a.Mentions[x.mention[j]].Actor == "") {
				x.mention[j] = mi
			}
		}
	}
	return x
}

func (x *articleIndex) syn(i int) *model.Syntax {
	if i < 0 || i >= len(x.a.Tokens) {
		return nil
	}
	return x.a.Tokens[i].Syntax
}

func (x *articleIndex) rel(i int) string {
	if s := x.syn(i); s != nil {
		return s.Rel
	}
	return ""
}

func (x *articleIndex) lemma(i int) string {
	if s := x.syn(i); s != nil && s.Lemma != "" {
		return strings.ToLower(s.Lemma)
	}
	if i >= 0 && i < len(x.lower) {
		return x.lower[i]
	}
	return ""
}

func (x *articleIndex) upos(i int) string {
	if s := x.syn(i); s != nil {
		return s.UPOS
	}
	return ""
}

func (x *articleIndex) head(i int) int {
	if s := x.syn(i); s != nil && s.Head >= 0 && s.Head < len(x.a.Tokens) && s.Head != i {
		return s.Head
	}
	return -1
}

// baseRel strips a relation's subtype ("obl:agent" -> "obl").
func baseRel(r string) string {
	if i := strings.IndexByte(r, ':'); i >= 0 {
		return r[:i]
	}
	return r
}

// childrenRel returns the children of t whose relation's base is one of rels.
func (x *articleIndex) childrenRel(t int, rels ...string) []int {
	var out []int
	for _, k := range x.kids[t] {
		r := x.rel(k)
		for _, want := range rels {
			if r == want || baseRel(r) == want {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// caseOf returns the lemma of t's case or mark child ("on" for "on Iran"),
// or "".
func (x *articleIndex) caseOf(t int) string {
	for _, k := range x.kids[t] {
		if r := x.rel(k); r == "case" || r == "mark" {
			l := x.lemma(k)
			// multiword prepositions: "according to", "on behalf of" -> last
			for _, kk := range x.kids[k] {
				if x.rel(kk) == "fixed" {
					l = x.lemma(kk)
				}
			}
			return l
		}
	}
	// "with President X" parsed with the preposition under the title
	for _, k := range x.kids[t] {
		if k < t && (x.rel(k) == "nmod:desc" || x.rel(k) == "compound") {
			for _, kk := range x.kids[k] {
				if kk < k && x.rel(kk) == "case" {
					return x.lemma(kk)
				}
			}
		}
	}
	return ""
}
