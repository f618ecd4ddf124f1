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
// it, and scores it against the gold words by their spans in the text:
// TokenF1 is the F1 of predicted tokens against gold words (the CoNLL 2018
// "Words" measure; a multi-word token such as "don't" counts as its words
// "do" and "n't" when they spell it). Tags, lemmas and dependencies are
// scored on the gold words whose span a predicted token matches exactly (a
// head is right when it is the predicted token of the gold head);
// percentages are over all gold words, so a missed word counts as wrong.
func EvaluateRaw(m *Model, gold []GoldSentence) Scores {
	var (
		sc                          Scores
		upos, xpos, lemma, uas, las int
		tp, nPred                   int
		elapsed                     time.Duration
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
		bySpan := make(map[model.Span]int, len(toks))
		for i, t := range toks {
			bySpan[t.Span] = i
		}
		wordTok := make([]int, len(g.Words)) // gold word → predicted token, or -1
		for i, w := range g.Words {
			wordTok[i] = -1
			if w.Start < 0 {
				continue
			}
			if p, ok := bySpan[model.Span{Start: w.Start, End: w.End}]; ok {
				wordTok[i] = p
				tp++
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
	if nPred+sc.Tokens > 0 {
		sc.TokenF1 = 100 * 2 * float64(tp) / float64(nPred+sc.Tokens)
	}
	if elapsed > 0 {
		sc.TokensPerSec = float64(nPred) / elapsed.Seconds()
	}
	return sc
}
