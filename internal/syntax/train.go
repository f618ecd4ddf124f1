package syntax

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
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
	// Extra lists further CoNLL-U files whose gold trees are added to the
	// training data (tagger, lemmatiser and parser; never used for
	// choosing passes). Relations and tags must follow UD English as EWT
	// does; GUM does.
	Extra []string
	// Unlabelled holds raw sentences (words) that, with the words of the
	// train, extra and dev sentences, are used to learn word classes.
	Unlabelled [][]string
	// Clusters configures the word classes; zero Classes means none.
	Clusters ClusterOptions
	// Folds is the number of jackknifing folds used to give the parser
	// predicted tags for training.
	Folds int
	// AddDev trains on train and dev together, for exactly ParserEpochs
	// passes and with the tagger pruned at TaggerPrune: the values a run
	// without AddDev chose on dev. Without AddDev, dev scores every pass,
	// the parser keeps its best pass (at most ParserEpochs) and the
	// tagger's pruning is chosen on dev.
	AddDev bool
	// CapsEvery and HeadlineEvery are how often a training sentence is
	// also given to the tagger in capitals, and as a headline (capitals
	// without determiners); zero means never.
	CapsEvery, HeadlineEvery int
	// ParserRuns is the number of parser runs, with different seeds,
	// whose weights are averaged (an ensemble at no cost in parsing time).
	ParserRuns int
	// ParserMaxWeights bounds the parser's size after pruning, counted as
	// the length of its weight lists (weights plus one entry per feature,
	// see perceptron.entries); zero
	// keeps every weight.
	ParserMaxWeights int
	// TaggerRuns is the number of tagger runs, with different seeds,
	// whose weights are averaged.
	TaggerRuns int
	// TaggerPrune is the weight below which the tagger's weights are
	// dropped when there is no dev set to choose it (AddDev).
	TaggerPrune int
	// Seed fixes the shuffling and exploration: same data and options give
	// a byte-identical model.
	Seed uint64
	// Log receives progress lines; nil discards them.
	Log io.Writer
}

// DefaultTrainOptions are the options the shipped model was trained with.
func DefaultTrainOptions(treebank string) TrainOptions {
	return TrainOptions{Treebank: treebank, TaggerEpochs: 8, ParserEpochs: 11, Folds: 4, Seed: 1,
		Clusters: DefaultClusterOptions(), AddDev: true, CapsEvery: 5, HeadlineEvery: 5,
		TaggerRuns: 4, TaggerPrune: 128, ParserRuns: 4, ParserMaxWeights: 2_500_000}
}

// Train trains a model on the treebank's train split (and the extra
// files), choosing the parser's number of passes and the tagger's pruning
// on the dev split, or, with opts.AddDev, on train and dev with the
// passes and pruning given. The test split is not read.
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
	for _, path := range opts.Extra {
		more, err := ReadCoNLLUFile(path)
		if err != nil {
			return nil, err
		}
		train = append(train, more...)
	}
	if len(opts.Extra) > 0 {
		logf("%d training sentences with %d extra files", len(train), len(opts.Extra))
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
	cl := map[string]uint16{}
	if opts.Clusters.Classes > 0 {
		var raw [][]string
		for _, s := range all {
			forms := make([]string, len(s.Words))
			for i, w := range s.Words {
				forms[i] = w.Form
			}
			raw = append(raw, forms)
		}
		raw = append(raw, opts.Unlabelled...)
		cl = LearnClusters(raw, opts.Clusters)
		logf("word classes: %d words in %d classes from %d sentences (%s)", len(cl), opts.Clusters.Classes, len(raw), time.Since(start).Round(time.Second))
	}
	tr := &training{cl: cl, opts: opts, tags: tags, rels: rels, tagSet: tagSet, relSet: relSet, logf: func(format string, args ...any) {
		logf(format+" (%s)", append(args, time.Since(start).Round(time.Second))...)
	}}
	if opts.AddDev {
		logf("model on train and dev, %d parser passes", opts.ParserEpochs)
		m, _ := tr.fit(all, nil, opts.ParserEpochs)
		return m, nil
	}
	m, passes := tr.fit(train, dev, opts.ParserEpochs)
	logf("model on train, best on dev after %d parser passes", passes)
	return m, nil
}

// training holds what the fits of one Train call share.
type training struct {
	opts           TrainOptions
	cl             map[string]uint16
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

	tdata := taggerData(train, tagSet, opts.CapsEvery, opts.HeadlineEvery)
	// The tagger: the mean of TaggerRuns runs with different seeds.
	tg := trainTagger(tdata, t.tags, t.cl, opts.TaggerEpochs, opts.Seed)
	if runs := opts.TaggerRuns; runs > 1 {
		percs := parallel(runs, func(r int) *perceptron {
			if r == 0 {
				return tg.perc
			}
			return trainTagger(tdata, t.tags, t.cl, opts.TaggerEpochs, opts.Seed+uint64(r)*1000).perc
		})
		tg.perc = mean(percs...)
	}
	// Prune the tagger's small weights (fewer memory reads a word): with
	// dev, the largest threshold costing at most 0.05 points of dev
	// accuracy is logged and used; without, opts.TaggerPrune.
	prune := opts.TaggerPrune
	if dev != nil {
		base := tagAccuracy(tg, dev, tagSet)
		logf("tagger: %d features, %d weights, dev XPOS+UPOS %.2f", tg.perc.nFeat, tg.perc.entries(), base)
		for _, th := range []int{512, 256, 128, 64} {
			cand := *tg
			cand.perc = tg.perc.pruned(th)
			acc := tagAccuracy(&cand, dev, tagSet)
			logf("tagger pruned at %d: %d features, %d weights, dev XPOS+UPOS %.2f", th, cand.perc.nFeat, cand.perc.entries(), acc)
			if acc >= base-0.05 {
				prune = th
				break
			}
		}
	}
	if prune > 0 {
		tg.perc = tg.perc.pruned(prune)
	}
	logf("tagger: %d features, %d weights", tg.perc.nFeat, tg.perc.entries())

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
		ft := trainTagger(part, t.tags, t.cl, opts.TaggerEpochs, opts.Seed+uint64(f)+1)
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
	// logParser logs m's parser size and, with dev, its dev scores.
	logParser := func(what string) {
		if dev == nil {
			logf("%s: %d features, %d weights", what, m.parser.perc.nFeat, m.parser.perc.entries())
			return
		}
		sc := Evaluate(m, dev)
		logf("%s: %d features, %d weights, dev UAS %.2f LAS %.2f", what, m.parser.perc.nFeat, m.parser.perc.entries(), sc.UAS, sc.LAS)
	}
	// The parser. A fit that chooses the number of passes on dev trains
	// one run; the final fit trains ParserRuns runs with different seeds
	// (at once, as many as there are cores) and averages their weights.
	var pr *parser
	passes := epochs
	runs := max(opts.ParserRuns, 1)
	if dev != nil {
		pr, passes = trainParser(pdata, t.rels, t.tags, t.cl, epochs, opts.Seed, check)
		m.parser = pr
		logf("parser: %d passes, %d features", passes, pr.perc.nFeat)
	}
	if dev == nil || (runs > 1 && !opts.AddDev) {
		// Run 0 is the one already trained with the dev check, if any.
		first := 0
		if pr != nil {
			first = 1
		}
		percs := parallel(runs, func(r int) *perceptron {
			if r < first {
				return pr.perc
			}
			q, _ := trainParser(pdata, t.rels, t.tags, t.cl, passes, opts.Seed+uint64(r)*1000, nil)
			if r == 0 {
				pr = q
			}
			return q.perc
		})
		if runs > 1 {
			avg := *pr
			avg.perc = mean(percs...)
			pr = &avg
		}
		m.parser = pr
		logParser(fmt.Sprintf("mean of %d runs", runs))
	}

	// Prune: drop the weights below the smallest threshold that leaves at
	// most ParserMaxWeights list entries. Scoring is memory-bound, so a smaller
	// model parses and loads faster.
	if opts.ParserMaxWeights > 0 {
		for _, th := range []int{32, 64, 96, 128, 192, 256, 320, 384, 448, 512, 640, 768, 1024, 1536, 2048, 4096} {
			if pr.perc.entries() <= opts.ParserMaxWeights {
				break
			}
			cand := *pr
			cand.perc = pr.perc.pruned(th)
			if cand.perc.entries() > opts.ParserMaxWeights && th < 4096 {
				continue
			}
			pr = &cand
			m.parser = pr
			logParser(fmt.Sprintf("pruned at %d", th))
		}
	}
	m.parser = pr

	return m, passes
}

// parallel returns f(0), ..., f(n-1), run on as many goroutines at once
// as there are cores.
func parallel(n int, f func(r int) *perceptron) []*perceptron {
	out := make([]*perceptron, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(runtime.GOMAXPROCS(0), 1))
	for r := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[r] = f(r)
		}()
	}
	wg.Wait()
	return out
}

// taggerData returns the tagger's training sentences: every sentence of
// train and, for every capsEvery-th one, a copy in capitals and, for every
// headlineEvery-th one, a headline: capitals without determiners or final
// punctuation ("REBELS SEIZE TOWN AFTER HEAVY FIGHTING"). Zero means no
// copies.
func taggerData(train []GoldSentence, tagSet map[string]int, capsEvery, headlineEvery int) []taggedSent {
	var tdata []taggedSent
	for i, s := range train {
		ts := taggedSent{forms: make([]string, len(s.Words)), tags: make([]int, len(s.Words))}
		for j, w := range s.Words {
			ts.forms[j] = w.Form
			ts.tags[j] = tagSet[jointTag(w)]
		}
		tdata = append(tdata, ts)
		if capsEvery > 0 && i%capsEvery == 2%capsEvery {
			caps := taggedSent{forms: make([]string, len(ts.forms)), tags: ts.tags}
			for j, f := range ts.forms {
				caps.forms[j] = strings.ToUpper(f)
			}
			tdata = append(tdata, caps)
		}
		if headlineEvery > 0 && i%headlineEvery == 0 {
			end := len(s.Words)
			for end > 0 && s.Words[end-1].UPOS == "PUNCT" {
				end--
			}
			var head taggedSent
			for j, w := range s.Words[:end] {
				if w.UPOS == "DET" && w.Rel == "det" {
					continue
				}
				head.forms = append(head.forms, strings.ToUpper(w.Form))
				head.tags = append(head.tags, ts.tags[j])
			}
			if len(head.forms) >= 3 {
				tdata = append(tdata, head)
			}
		}
	}
	return tdata
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
