package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	epochs := fs.Int("epochs", def.ParserEpochs, "parser passes (the best on dev is kept)")
	tagEpochs := fs.Int("tagger-epochs", def.TaggerEpochs, "tagger passes")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	opts := syntax.DefaultTrainOptions(*treebank)
	opts.ParserEpochs, opts.TaggerEpochs, opts.Log = *epochs, *tagEpochs, stderr
	start := time.Now()
	m, err := syntax.Train(opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
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
