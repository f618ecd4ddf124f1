package syntax

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// TrainOptions configure Train.
type TrainOptions struct {
	// Treebank is a directory holding en_ewt-ud-train.conllu and
	// en_ewt-ud-dev.conllu.
	Treebank string
	// TaggerEpochs and ParserEpochs are the numbers of passes; the parser
	// keeps the pass that scores best (LAS) on dev.
	TaggerEpochs, ParserEpochs int
	// Folds is the number of jackknifing folds used to give the parser
	// predicted tags for training.
	Folds int
	// AddDev trains the final model on train and dev together, with the
	// parser's number of passes chosen by a first model trained on train
	// alone and scored on dev. The dev scores logged are that first
	// model's; the final model's dev scores mean nothing.
	AddDev bool
	// Seed fixes the shuffling and exploration: same data and options give
	// a byte-identical model.
	Seed uint64
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// maxParserFeatures bounds the parser's size after pruning.
const maxParserFeatures = 500_000

// DefaultTrainOptions are the options the shipped model was trained with.
func DefaultTrainOptions(treebank string) TrainOptions {
	return TrainOptions{Treebank: treebank, TaggerEpochs: 8, ParserEpochs: 8, Folds: 4, Seed: 1}
}

// Train trains a model on the treebank's train split, choosing the
// parser's number of passes on the dev split, and then, with
// opts.AddDev, the final model on train and dev with that many passes.
// The test split is not read.
func Train(opts TrainOptions) (*Model, error) {
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", args...)
		}
	}
	start := time.Now()
	train, err := ReadCoNLLUFile(filepath.Join(opts.Treebank, "en_ewt-ud-train.conllu"))
	if err != nil {
		return nil, err
	}
	dev, err := ReadCoNLLUFile(filepath.Join(opts.Treebank, "en_ewt-ud-dev.conllu"))
	if err != nil {
		return nil, err
	}
	if len(train) == 0 || len(dev) == 0 {
		return nil, fmt.Errorf("syntax: empty treebank in %s", opts.Treebank)
	}
	all := append(train[:len(train):len(train)], dev...)

	// Label sets, sorted, from every sentence a model may be trained on.
	// Tags are joint "XPOS UPOS" classes: UPOS distinctions such as AUX
	// against VERB or SCONJ against ADP need context, not just the XPOS.
	labelled := train
	if opts.AddDev {
		labelled = all
	}
	tagSet, relSet := map[string]int{}, map[string]int{"root": 0}
	for _, s := range labelled {
		for _, w := range s.Words {
			tagSet[jointTag(w)] = 0
			relSet[w.Rel] = 0
		}
	}
	tags, rels := sortedKeys(tagSet), sortedKeys(relSet)
	if len(rels) > 64 || len(tags) > 255 {
		return nil, fmt.Errorf("syntax: %d relations and %d tags, at most 64 and 255 supported", len(rels), len(tags))
	}
	for i, t := range tags {
		tagSet[t] = i
	}
	for i, t := range rels {
		relSet[t] = i
	}
	tr := &training{opts: opts, tags: tags, rels: rels, tagSet: tagSet, relSet: relSet, logf: func(format string, args ...any) {
		logf(format+" (%s)", append(args, time.Since(start).Round(time.Second))...)
	}}
	m, passes := tr.fit(train, dev, opts.ParserEpochs)
	if !opts.AddDev {
		return m, nil
	}
	logf("final model on train and dev, %d parser passes", passes)
	m, _ = tr.fit(all, nil, passes)
	return m, nil
}

// training holds what the fits of one Train call share.
type training struct {
	opts           TrainOptions
	tags, rels     []string
	tagSet, relSet map[string]int
	logf           func(format string, args ...any)
}

// fit trains a model on train. With dev, the parser keeps its best pass
// on dev (at most epochs) and fit returns that number of passes; without,
// it trains for epochs passes.
func (t *training) fit(train, dev []GoldSentence, epochs int) (*Model, int) {
	opts, tagSet, relSet, logf := t.opts, t.tagSet, t.relSet, t.logf
	folds := max(opts.Folds, 2)

	// Tagger data, with every 20th sentence also in capitals.
	var tdata []taggedSent
	for i, s := range train {
		ts := taggedSent{forms: make([]string, len(s.Words)), tags: make([]int, len(s.Words))}
		for j, w := range s.Words {
			ts.forms[j] = w.Form
			ts.tags[j] = tagSet[jointTag(w)]
		}
		tdata = append(tdata, ts)
		if i%20 == 7 {
			caps := taggedSent{forms: make([]string, len(ts.forms)), tags: ts.tags}
			for j, f := range ts.forms {
				caps.forms[j] = strings.ToUpper(f)
			}
			tdata = append(tdata, caps)
		}
	}
	tg := trainTagger(tdata, t.tags, opts.TaggerEpochs, opts.Seed)
	if dev != nil {
		logf("tagger: %d features, dev XPOS+UPOS %.2f", tg.perc.nFeat, tagAccuracy(tg, dev, tagSet))
	} else {
		logf("tagger: %d features", tg.perc.nFeat)
	}

	// Jackknifed tags for the parser's training data.
	pdata := make([]parsedSent, len(train))
	for i, s := range train {
		d := parsedSent{forms: make([]string, len(s.Words)), tags: make([]int, len(s.Words)),
			heads: make([]int, len(s.Words)), rels: make([]int, len(s.Words))}
		for j, w := range s.Words {
			d.forms[j] = w.Form
			d.heads[j] = w.Head
			if w.Head < 0 {
				d.heads[j] = len(s.Words)
			}
			d.rels[j] = relSet[w.Rel]
		}
		pdata[i] = d
	}
	for f := 0; f < folds; f++ {
		var part []taggedSent
		for i, s := range train {
			if i%folds == f {
				continue
			}
			ts := taggedSent{forms: pdata[i].forms, tags: make([]int, len(s.Words))}
			for j, w := range s.Words {
				ts.tags[j] = tagSet[jointTag(w)]
			}
			part = append(part, ts)
		}
		ft := trainTagger(part, t.tags, opts.TaggerEpochs, opts.Seed+uint64(f)+1)
		var s sent
		for i := f; i < len(train); i += folds {
			s.reset(pdata[i].forms)
			ft.tag(&s)
			copy(pdata[i].tags, s.tags)
		}
		logf("jackknife fold %d/%d done", f+1, folds)
	}

	// The parser, checked on dev with the final tagger's tags.
	m := newModel(tg, nil, nil)
	m.lem = buildLemmatizer(train)
	var check func(ep int, p *parser) float64
	if dev != nil {
		check = func(ep int, p *parser) float64 {
			m.parser = p
			sc := Evaluate(m, dev)
			logf("parser pass %d: %d features, dev UPOS %.2f UAS %.2f LAS %.2f, %.0f tokens/s", ep+1, p.perc.nFeat, sc.UPOS, sc.UAS, sc.LAS, sc.TokensPerSec)
			return sc.LAS
		}
	}
	pr, passes := trainParser(pdata, t.rels, t.tags, epochs, opts.Seed, check)
	m.parser = pr
	logf("parser: %d passes, %d features", passes, pr.perc.nFeat)

	// Prune small weights, raising the threshold until the parser has at
	// most maxParserFeatures features: the lookups are memory-bound, so a
	// smaller model parses and loads faster (at a cost of about 0.5 LAS).
	for _, th := range []int{64, 128, 256, 512, 1024, 2048} {
		if pr.perc.nFeat <= maxParserFeatures {
			break
		}
		cand := *pr
		cand.perc = pr.perc.pruned(th)
		pr = &cand
		m.parser = pr
		if dev != nil {
			sc := Evaluate(m, dev)
			logf("prune %d: %d features, %d weights, dev UAS %.2f LAS %.2f", th, cand.perc.nFeat, len(cand.perc.pairs), sc.UAS, sc.LAS)
		} else {
			logf("prune %d: %d features, %d weights", th, cand.perc.nFeat, len(cand.perc.pairs))
		}
	}
	m.parser = pr
	return m, passes
}

// jointTag is the tagger class of a gold word.
func jointTag(w GoldWord) string { return w.XPOS + " " + w.UPOS }

// tagAccuracy is the joint XPOS and UPOS accuracy of t on gold sentences.
func tagAccuracy(t *tagger, gold []GoldSentence, ids map[string]int) float64 {
	var s sent
	right, total := 0, 0
	for _, g := range gold {
		forms := make([]string, len(g.Words))
		for i, w := range g.Words {
			forms[i] = w.Form
		}
		s.reset(forms)
		t.tag(&s)
		for i, w := range g.Words {
			if id, ok := ids[jointTag(w)]; ok && id == s.tags[i] {
				right++
			}
			total++
		}
	}
	return 100 * float64(right) / float64(max(total, 1))
}

// buildLemmatizer learns the known lemmas and the exceptions to the rules.
func buildLemmatizer(train []GoldSentence) *lemmatizer {
	l := &lemmatizer{known: map[string]bool{}, table: map[lemmaKey]string{}}
	counts := map[string]map[string]int{}
	for _, s := range train {
		for _, w := range s.Words {
			if w.Lemma == "_" || w.Lemma == "" {
				continue
			}
			switch w.XPOS {
			case "NNP", "NNPS":
			default:
				l.known[strings.ToLower(w.Lemma)] = true
			}
			k := lowerForm(w.Form) + "\t" + w.XPOS
			if counts[k] == nil {
				counts[k] = map[string]int{}
			}
			counts[k][w.Lemma]++
		}
	}
	for _, k := range sortedKeys(counts) {
		c := counts[k]
		lemmas := sortedKeys(c)
		sort.SliceStable(lemmas, func(i, j int) bool { return c[lemmas[i]] > c[lemmas[j]] })
		best := lemmas[0]
		lower, tag, _ := strings.Cut(k, "\t")
		if tag == "NNP" || tag == "NNPS" {
			continue // proper nouns keep their form (case and all)
		}
		if l.rule(lower, lower, tag) != best {
			l.table[lemmaKey{lower, tag}] = best
		}
	}
	return l
}
