package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/sitrep/sitrep/internal/stories"
)

func init() { evalTasks["clusters"] = runEvalClusters }

// runEvalClusters scores story clustering on an ECB+-layout directory:
// storylines against topics, event clusters against (topic, ecb|ecbplus).
// The last stdout line is a JSON object with the figures.
func runEvalClusters(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval clusters", "--data DIR", stderr)
	data := fs.String("data", "../shared/data/ecbplus", "ECB+ directory: one folder per topic holding N_Mecb.xml and N_Mecbplus.xml")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	res, err := stories.EvalECB(*data, stories.Options{})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "clusters: %d docs; storylines %d (gold topics %d): B3 P %.4f R %.4f F1 %.4f; event clusters %d (gold %d): B3 P %.4f R %.4f F1 %.4f\n",
		res.Docs, res.Storylines, res.GoldTopics, res.TopicPrecision, res.TopicRecall, res.TopicF1,
		res.EventClusters, res.GoldEvents, res.EventPrecision, res.EventRecall, res.EventF1)
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return nil
}
