package syntax

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// TestEWTTest checks the quality floors on the EWT test split (gold
// tokens). The floors sit at or just below the figures measured for the
// committed model; the bars of the issue are UPOS 95.0, UAS 86.0, LAS 83.0.
func TestEWTTest(t *testing.T) {
	gold, err := ReadCoNLLUFile(filepath.Join(sharedDir(t), "data", "ud-ewt", "en_ewt-ud-test.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(mustDefault(t), gold)
	t.Logf("EWT test: %d words, UPOS %.2f XPOS %.2f lemma %.2f UAS %.2f LAS %.2f", sc.Tokens, sc.UPOS, sc.XPOS, sc.Lemma, sc.UAS, sc.LAS)
	if sc.Tokens < 25000 {
		t.Errorf("only %d words read", sc.Tokens)
	}
	floors := []struct {
		name       string
		got, floor float64
	}{
		{"UPOS", sc.UPOS, floorUPOS},
		{"XPOS", sc.XPOS, floorXPOS},
		{"lemma", sc.Lemma, floorLemma},
		{"UAS", sc.UAS, floorUAS},
		{"LAS", sc.LAS, floorLAS},
	}
	for _, f := range floors {
		if f.got < f.floor {
			t.Errorf("%s %.2f below floor %.2f", f.name, f.got, f.floor)
		}
	}
}

// TestEWTRaw checks tokenisation and parsing from raw sentence text.
func TestEWTRaw(t *testing.T) {
	gold, err := ReadCoNLLUFile(filepath.Join(sharedDir(t), "data", "ud-ewt", "en_ewt-ud-test.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	sc := EvaluateRaw(mustDefault(t), gold)
	t.Logf("EWT test from raw text: token F1 %.2f UPOS %.2f UAS %.2f LAS %.2f", sc.TokenF1, sc.UPOS, sc.UAS, sc.LAS)
	if sc.TokenF1 < floorRawTokenF1 || sc.LAS < floorRawLAS {
		t.Errorf("raw: token F1 %.2f (floor %.2f), LAS %.2f (floor %.2f)", sc.TokenF1, floorRawTokenF1, sc.LAS, floorRawLAS)
	}
}

// TestEWTCapitals scores the EWT test sentences written in capitals, as
// headlines are: the tagger has its own features for all-capitals text.
func TestEWTCapitals(t *testing.T) {
	gold, err := ReadCoNLLUFile(filepath.Join(sharedDir(t), "data", "ud-ewt", "en_ewt-ud-test.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	var caps []GoldSentence
	for _, g := range gold {
		c := GoldSentence{Words: make([]GoldWord, len(g.Words))}
		forms := make([]string, len(g.Words))
		for i, w := range g.Words {
			w.Form = strings.ToUpper(w.Form)
			c.Words[i], forms[i] = w, w.Form
		}
		if allCaps(forms) {
			caps = append(caps, c)
		}
	}
	sc := Evaluate(mustDefault(t), caps)
	t.Logf("EWT test in capitals (%d sentences): UPOS %.2f UAS %.2f LAS %.2f", len(caps), sc.UPOS, sc.UAS, sc.LAS)
	for _, f := range []struct {
		name       string
		got, floor float64
	}{{"UPOS", sc.UPOS, floorCapsUPOS}, {"UAS", sc.UAS, floorCapsUAS}, {"LAS", sc.LAS, floorCapsLAS}} {
		if f.got < f.floor {
			t.Errorf("capitals: %s %.2f below floor %.2f", f.name, f.got, f.floor)
		}
	}
}

// TestSeeds parses every sentence of the seed articles.
func TestSeeds(t *testing.T) {
	m := mustDefault(t)
	sentences := 0
	for _, a := range loadSeedArticles(t) {
		if diags := m.Annotate(a); len(diags) != 0 {
			t.Logf("%s: %v", a.SourceFile, diags)
		}
		if err := treeError(a); err != nil {
			t.Errorf("%s: %v", a.SourceFile, err)
		}
		for _, s := range a.Sentences {
			if s.EndToken > s.FirstToken {
				sentences++
			}
		}
	}
	if sentences < 100 {
		t.Errorf("only %d sentences in the seeds", sentences)
	}
}

// find returns the index of the first token with text w.
func find(t *testing.T, a *model.Article, w string) int {
	t.Helper()
	for i, tok := range a.Tokens {
		if a.TokenText(tok) == w {
			return i
		}
	}
	t.Fatalf("no token %q in %q", w, a.Text)
	return -1
}

// TestConstructions checks who-did-what-to-whom relations on sentences
// written for this test.
func TestConstructions(t *testing.T) {
	m := mustDefault(t)
	tests := []struct {
		text string
		// dep, head, rel: token texts ("" head means the root).
		arcs [][3]string
	}{
		{"France and Britain condemned the attack on the embassy.", [][3]string{
			{"condemned", "", "root"}, {"France", "condemned", "nsubj"}, {"Britain", "France", "conj"},
			{"and", "Britain", "cc"}, {"attack", "condemned", "obj"}}},
		{"The budget bill was vetoed by the governor on Friday.", [][3]string{
			{"vetoed", "", "root"}, {"bill", "vetoed", "nsubj:pass"}, {"was", "vetoed", "aux:pass"},
			{"governor", "vetoed", "obl:agent"}}},
		{"The minister said he had rejected the offer.", [][3]string{
			{"said", "", "root"}, {"minister", "said", "nsubj"}, {"rejected", "said", "ccomp"},
			{"he", "rejected", "nsubj"}, {"offer", "rejected", "obj"}}},
		{"The rebels did not attack the town.", [][3]string{
			{"attack", "", "root"}, {"not", "attack", "advmod"}, {"rebels", "attack", "nsubj"}, {"town", "attack", "obj"}}},
		// EWT and GUM make the reporting verb after a quote the root and
		// the quote its clausal complement (EWT train: 50 sentences that
		// open with a quote have "say" or "tell" as root, none as
		// parataxis).
		{"“We will not negotiate with them,” the foreign minister told reporters.", [][3]string{
			{"told", "", "root"}, {"negotiate", "told", "ccomp"}, {"minister", "told", "nsubj"},
			{"We", "negotiate", "nsubj"}, {"not", "negotiate", "advmod"}}},
		{"Iran — a key ally of Syria — rejected the offer.", [][3]string{
			{"rejected", "", "root"}, {"Iran", "rejected", "nsubj"}, {"ally", "Iran", "appos"}, {"offer", "rejected", "obj"}}},
		{"REBELS SEIZE TOWN AFTER HEAVY FIGHTING", [][3]string{
			{"SEIZE", "", "root"}, {"REBELS", "SEIZE", "nsubj"}, {"TOWN", "SEIZE", "obj"}, {"FIGHTING", "SEIZE", "obl"}}},
	}
	for _, tc := range tests {
		a := article(tc.text)
		m.Annotate(a)
		if err := treeError(a); err != nil {
			t.Fatalf("%q: %v", tc.text, err)
		}
		for _, arc := range tc.arcs {
			d := a.Tokens[find(t, a, arc[0])].Syntax
			wantHead := -1
			if arc[1] != "" {
				wantHead = find(t, a, arc[1])
			}
			if d.Head != wantHead || d.Rel != arc[2] {
				got := "ROOT"
				if d.Head >= 0 {
					got = a.TokenText(a.Tokens[d.Head])
				}
				t.Errorf("%q: %s ← %s %s, want ← %s %s", tc.text, arc[0], got, d.Rel, arc[1], arc[2])
			}
		}
	}
}

// TestTagsAndLemmas checks tags and the lemmas verb-pattern lookup needs.
func TestTagsAndLemmas(t *testing.T) {
	m := mustDefault(t)
	want := map[string][3]string{ // word → UPOS, XPOS, lemma
		"envoys":    {"NOUN", "NNS", "envoy"},
		"said":      {"VERB", "VBD", "say"},
		"countries": {"NOUN", "NNS", "country"},
		"had":       {"AUX", "VBD", "have"},
		"stopped":   {"VERB", "VBN", "stop"},
		"were":      {"AUX", "VBD", "be"},
		"massing":   {"VERB", "VBG", "mass"},
		"denied":    {"VERB", "VBD", "deny"},
		"”":         {"PUNCT", "''", "\""},
	}
	for _, text := range []string{
		"The envoys said the countries had stopped the talks .",
		"Troops were massing near the border .",
		"“ The ministry denied the report . ”",
	} {
		words := strings.Fields(text)
		res := m.Parse(words)
		for i, w := range words {
			if exp, ok := want[w]; ok {
				if got := [3]string{res[i].UPOS, res[i].XPOS, res[i].Lemma}; got != exp {
					t.Errorf("%s: got %v, want %v", w, got, exp)
				}
			}
		}
	}
	l := m.lem
	for _, c := range []struct{ form, xpos, want string }{
		{"vetoed", "VBD", "veto"}, {"Accuses", "VBZ", "accuse"}, {"bombarded", "VBN", "bombard"},
		{"blitzed", "VBD", "blitz"}, {"shelling", "VBG", "shell"}, {"militias", "NNS", "militia"},
		{"Tehran", "NNP", "Tehran"}, {"’s", "VBZ", "be"}, {"n’t", "RB", "not"},
	} {
		if got := l.lemma(c.form, c.xpos); got != c.want {
			t.Errorf("lemma(%q, %s) = %q, want %q", c.form, c.xpos, got, c.want)
		}
	}
}

// TestLongSentence checks the cap: a 2,000-token sentence is parsed in
// chunks with one diagnostic, one root, and in time linear in its length.
func TestLongSentence(t *testing.T) {
	m := mustDefault(t)
	clause := "the delegates from the northern provinces argued that the new tax would hurt farmers and traders , "
	build := func(tokens int) *model.Article {
		var b strings.Builder
		b.WriteString("Officials said ")
		for n := 2; n < tokens; n += len(strings.Fields(clause)) {
			b.WriteString(clause)
		}
		// One sentence of all the tokens, whatever segment would do.
		text := b.String()
		a := &model.Article{Text: text, Tokens: segment.Tokenize(text)}
		a.Sentences = []model.Sentence{{Span: model.Span{Start: 0, End: len(text)}, FirstToken: 0, EndToken: len(a.Tokens)}}
		return a
	}
	a := build(2000)
	if len(a.Sentences) != 1 || len(a.Tokens) < 2000 {
		t.Fatalf("want one sentence of at least 2000 tokens, got %d sentences, %d tokens", len(a.Sentences), len(a.Tokens))
	}
	start := cpuTime()
	diags := m.AnnotateWith(a, Options{MaxTokens: 150})
	short := cpuTime() - start
	if len(diags) != 1 || diags[0].Code != "sentence-capped" || diags[0].Stage != "syntax" || diags[0].Span == nil {
		t.Errorf("diagnostics: %v", diags)
	}
	if err := treeError(a); err != nil {
		t.Fatal(err)
	}
	b := build(20000)
	start = cpuTime()
	m.Annotate(b)
	long := cpuTime() - start
	if err := treeError(b); err != nil {
		t.Fatal(err)
	}
	// Ten times the tokens: linear work takes about ten times as long;
	// allow for noise, not for quadratic growth (a hundred times).
	if long > 40*short+200*time.Millisecond {
		t.Errorf("2,000 tokens took %v, 20,000 took %v: not linear", short, long)
	}
}

// TestEmptyAndOdd checks inputs with nothing or little to parse.
func TestEmptyAndOdd(t *testing.T) {
	m := mustDefault(t)
	if res := m.Parse(nil); len(res) != 0 {
		t.Errorf("Parse(nil) = %v", res)
	}
	for _, words := range [][]string{{""}, {"."}, {"\xff\xfe"}, {"日本", "は", "。"}, {"—", "—", "—"}} {
		res := m.Parse(words)
		roots := 0
		for _, r := range res {
			if r.Head == -1 {
				roots++
			} else if r.Head < 0 || r.Head >= len(words) {
				t.Errorf("%q: head %d", words, r.Head)
			}
		}
		if roots != 1 {
			t.Errorf("%q: %d roots", words, roots)
		}
	}
	a := &model.Article{Text: "x", Tokens: []model.Token{{Span: model.Span{Start: 0, End: 1}}},
		Sentences: []model.Sentence{{FirstToken: 0, EndToken: 0}, {FirstToken: 1, EndToken: 5}}}
	if diags := m.Annotate(a); len(diags) != 0 || a.Tokens[0].Syntax != nil {
		t.Errorf("empty and bad sentences: %v, %+v", diags, a.Tokens[0].Syntax)
	}
}

// TestModelRoundTrip checks that the embedded model loads and writes
// back byte for byte, and that corrupt input is an error.
func TestModelRoundTrip(t *testing.T) {
	raw, err := embedded.ReadFile(ModelFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) > 40<<20 {
		t.Errorf("model is %d bytes, over 40 MB", len(raw))
	}
	// The load time is measured by BenchmarkLoad, not asserted here.
	m, err := Load(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), raw) {
		t.Errorf("rewritten model differs from the embedded file (%d vs %d bytes)", buf.Len(), len(raw))
	}
	for _, bad := range [][]byte{nil, raw[:len(raw)/2], []byte("not a model")} {
		if _, err := Load(bytes.NewReader(bad)); err == nil {
			t.Errorf("Load of %d corrupt bytes succeeded", len(bad))
		}
	}
	if _, err := Load(io.LimitReader(bytes.NewReader(raw), 100)); err == nil {
		t.Error("Load of a truncated model succeeded")
	}
}
