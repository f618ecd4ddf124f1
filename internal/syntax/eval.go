package syntax

import (
	"time"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// Scores are the figures of an evaluation, in percent. UAS and LAS count
// every word, punctuation included (the CoNLL 2018 convention); LAS
// compares full relations, subtypes included.
type Scores struct {
	Tokens int     `json:"tokens"`
	UPOS   float64 `json:"upos"`
	XPOS   float64 `json:"xpos"`
	Lemma  float64 `json:"lemma"`
	UAS    float64 `json:"uas"`
	LAS    float64 `json:"las"`
	// TokenF1 is the F1 of predicted against gold token spans (raw mode
	// only).
	TokenF1 float64 `json:"token_f1,omitempty"`
	// TokensPerSec is the words analysed per second (tagging, lemmas and
	// parsing; tokenisation excluded).
	TokensPerSec float64 `json:"tokens_per_sec"`
}

// Evaluate scores m on gold-tokenised sentences.
func Evaluate(m *Model, gold []GoldSentence) Scores {
	var (
		sc                          Scores
		upos, xpos, lemma, uas, las int
		elapsed                     time.Duration
	)
	var words []string
	for _, g := range gold {
		words = words[:0]
		for _, w := range g.Words {
			words = append(words, w.Form)
		}
		t0 := time.Now()
		res := m.Parse(words)
		elapsed += time.Since(t0)
		for i, w := range g.Words {
			r := res[i]
			sc.Tokens++
			if r.UPOS == w.UPOS {
				upos++
			}
			if r.XPOS == w.XPOS {
				xpos++
			}
			if r.Lemma == w.Lemma {
				lemma++
			}
			if r.Head == w.Head {
				uas++
				if r.Rel == w.Rel {
					las++
				}
			}
		}
	}
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(sc.Tokens, 1)) }
	sc.UPOS, sc.XPOS, sc.Lemma, sc.UAS, sc.LAS = pct(upos), pct(xpos), pct(lemma), pct(uas), pct(las)
	if elapsed > 0 {
		sc.TokensPerSec = float64(sc.Tokens) / elapsed.Seconds()
	}
	return sc
}

// EvaluateRaw tokenises each sentence's text with segment.Tokenize, parses
// it, and scores tokens against gold token spans (F1) and tags and
// dependencies on the gold words whose token was found exactly: a word
// counts as right when its predicted token matches and, for UAS, its head's
// token matches its gold head's token. Multi-word tokens ("don't") are
// scored on their first word's analysis only when segment splits them the
// same way. Percentages are over all gold words.
func EvaluateRaw(m *Model, gold []GoldSentence) Scores {
	var (
		sc                     Scores
		upos, xpos, lemma, uas int
		las                    int
		tp, nPred, nGold       int
		elapsed                time.Duration
	)
	var words []string
	for _, g := range gold {
		toks := segment.Tokenize(g.Text)
		words = words[:0]
		for _, t := range toks {
			words = append(words, t.Span.In(g.Text))
		}
		t0 := time.Now()
		res := m.Parse(words)
		elapsed += time.Since(t0)
		nPred += len(toks)
		nGold += len(g.Tokens)
		// Predicted token by span.
		bySpan := map[model.Span]int{}
		for i, t := range toks {
			bySpan[t.Span] = i
		}
		// Gold words whose own span is known: words of plain tokens.
		wordTok := make([]int, len(g.Words)) // gold word → predicted token, or -1
		perTok := make([]int, len(g.Tokens))
		for _, w := range g.Words {
			perTok[w.Token]++
		}
		for _, t := range g.Tokens {
			if t.Start >= 0 {
				if _, ok := bySpan[model.Span{Start: t.Start, End: t.End}]; ok {
					tp++
				}
			}
		}
		for i, w := range g.Words {
			wordTok[i] = -1
			t := g.Tokens[w.Token]
			if perTok[w.Token] != 1 || t.Start < 0 {
				continue
			}
			if p, ok := bySpan[model.Span{Start: t.Start, End: t.End}]; ok {
				wordTok[i] = p
			}
		}
		for i, w := range g.Words {
			sc.Tokens++
			p := wordTok[i]
			if p < 0 {
				continue
			}
			r := res[p]
			if r.UPOS == w.UPOS {
				upos++
			}
			if r.XPOS == w.XPOS {
				xpos++
			}
			if r.Lemma == w.Lemma {
				lemma++
			}
			headOK := (w.Head < 0 && r.Head < 0) || (w.Head >= 0 && r.Head >= 0 && wordTok[w.Head] == r.Head)
			if headOK {
				uas++
				if r.Rel == w.Rel {
					las++
				}
			}
		}
	}
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(sc.Tokens, 1)) }
	sc.UPOS, sc.XPOS, sc.Lemma, sc.UAS, sc.LAS = pct(upos), pct(xpos), pct(lemma), pct(uas), pct(las)
	if nPred+nGold > 0 {
		sc.TokenF1 = 100 * 2 * float64(tp) / float64(nPred+nGold)
	}
	if elapsed > 0 {
		sc.TokensPerSec = float64(nPred) / elapsed.Seconds()
	}
	return sc
}
