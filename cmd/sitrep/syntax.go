package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/sitrep/sitrep/internal/syntax"
)

func init() {
	trainTasks["syntax"] = runTrainSyntax
	evalTasks["syntax"] = runEvalSyntax
}

// runTrainSyntax trains the tagger and parser on UD English-EWT and writes
// the model file that internal/syntax embeds.
func runTrainSyntax(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train syntax", "--treebank DIR [--out FILE] [--epochs N]", stderr)
	def := syntax.DefaultTrainOptions("")
	treebank := fs.String("treebank", "../shared/data/ud-ewt", "directory holding en_ewt-ud-{train,dev}.conllu")
	out := fs.String("out", filepath.Join("internal", "syntax", syntax.ModelFile), "model file to write")
	epochs := fs.Int("epochs", def.ParserEpochs, "parser passes (without --add-dev, the best on dev is kept)")
	tagEpochs := fs.Int("tagger-epochs", def.TaggerEpochs, "tagger passes")
	extra := fs.String("extra", "../shared/data/gum-news/dep", "directory of further CoNLL-U files (*.conllu) whose trees are added to the training data (\"\" for none)")
	ecb := fs.String("ecb", "../shared/data/ecbplus", "ECB+ directory whose token text is added to the raw text the word classes are learnt from (\"\" for none)")
	addDev := fs.Bool("add-dev", def.AddDev, "train on train and dev with the given passes and tagger pruning (false: train alone, scored and chosen on dev)")
	runs := fs.Int("runs", def.ParserRuns, "parser runs with different seeds whose weights are averaged")
	tagRuns := fs.Int("tagger-runs", def.TaggerRuns, "tagger runs with different seeds whose weights are averaged")
	tagPrune := fs.Int("tagger-prune", def.TaggerPrune, "with --add-dev, the tagger weight below which weights are dropped")
	headEvery := fs.Int("headline-every", def.HeadlineEvery, "every n-th training sentence is also given to the tagger as a capitalised headline without determiners (0: none)")
	maxWeights := fs.Int("max-weights", def.ParserMaxWeights, "parser weights kept by pruning (0: no pruning)")
	seed := fs.Uint64("seed", def.Seed, "seed of the shuffling and exploration")
	capsEvery := fs.Int("caps-every", def.CapsEvery, "every n-th training sentence is also given to the tagger in capitals (0: none)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	opts := syntax.DefaultTrainOptions(*treebank)
	opts.ParserEpochs, opts.TaggerEpochs, opts.AddDev, opts.Log = *epochs, *tagEpochs, *addDev, stderr
	opts.ParserRuns, opts.ParserMaxWeights, opts.Seed = *runs, *maxWeights, *seed
	opts.TaggerRuns, opts.TaggerPrune, opts.CapsEvery, opts.HeadlineEvery = *tagRuns, *tagPrune, *capsEvery, *headEvery
	if *extra != "" {
		files, err := filepath.Glob(filepath.Join(*extra, "*.conllu"))
		if err != nil {
			return err
		}
		if len(files) == 0 {
			return fmt.Errorf("train syntax: no *.conllu files in %s", *extra)
		}
		sort.Strings(files)
		opts.Extra = files
	}
	if *ecb != "" {
		sents, err := readECBSentences(*ecb)
		if err != nil {
			return err
		}
		opts.Unlabelled = sents
	}
	start := time.Now()
	m, err := syntax.Train(opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return err
	}
	if err := writeFileAtomic(*out, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "syntax model: %s, %d bytes, trained in %s\n", *out, buf.Len(), time.Since(start).Round(time.Second))
	return nil
}

// runEvalSyntax scores the embedded model on a CoNLL-U file, on gold
// tokens or (--raw) from each sentence's text.
func runEvalSyntax(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval syntax", "--data FILE.conllu [--raw] [--model FILE]", stderr)
	data := fs.String("data", "../shared/data/ud-ewt/en_ewt-ud-test.conllu", "CoNLL-U file")
	raw := fs.Bool("raw", false, "tokenise each sentence's '# text' instead of using gold tokens; adds token_f1")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	var (
		m   *syntax.Model
		err error
	)
	if *modelPath != "" {
		f, ferr := os.Open(*modelPath)
		if ferr != nil {
			return ferr
		}
		m, err = syntax.Load(f)
		f.Close()
	} else {
		m, err = syntax.Default()
	}
	if err != nil {
		return err
	}
	gold, err := syntax.ReadCoNLLUFile(*data)
	if err != nil {
		return err
	}
	var sc syntax.Scores
	mode := "gold tokens"
	if *raw {
		sc, mode = syntax.EvaluateRaw(m, gold), "raw text"
	} else {
		sc = syntax.Evaluate(m, gold)
	}
	round := func(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }
	fmt.Fprintf(stdout, "syntax (%s): %d words, UPOS %.2f, XPOS %.2f, lemma %.2f, UAS %.2f, LAS %.2f", mode, sc.Tokens, sc.UPOS, sc.XPOS, sc.Lemma, sc.UAS, sc.LAS)
	if *raw {
		fmt.Fprintf(stdout, ", token F1 %.2f", sc.TokenF1)
	}
	fmt.Fprintf(stdout, ", %.0f tokens/s\n", sc.TokensPerSec)
	sc.UPOS, sc.XPOS, sc.Lemma, sc.UAS, sc.LAS, sc.TokenF1 = round(sc.UPOS), round(sc.XPOS), round(sc.Lemma), round(sc.UAS), round(sc.LAS), round(sc.TokenF1)
	sc.TokensPerSec = float64(int64(sc.TokensPerSec))
	b, err := json.Marshal(sc)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return nil
}

// readECBSentences returns the sentences (token texts) of every ECB+ XML
// file under dir (topic folders, files in sorted order).
func readECBSentences(dir string) ([][]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.xml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("train syntax: no ECB+ files in %s", dir)
	}
	sort.Strings(files)
	var out [][]string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		dec := xml.NewDecoder(bytes.NewReader(raw))
		var (
			cur  []string
			sent = ""
		)
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			se, ok := tok.(xml.StartElement)
			if !ok || se.Name.Local != "token" {
				continue
			}
			var t struct {
				Sentence string `xml:"sentence,attr"`
				Text     string `xml:",chardata"`
			}
			if err := dec.DecodeElement(&t, &se); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			if t.Sentence != sent && len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			sent = t.Sentence
			if w := strings.TrimSpace(t.Text); w != "" {
				cur = append(cur, w)
			}
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	return out, nil
}
