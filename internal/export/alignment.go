package export

import (
	"encoding/json"
	"fmt"

	"github.com/sitrep/sitrep/internal/alignments"
)

// AlignmentRecord is the "alignment" JSONL record: the alignment analysis
// of the whole store (every date): blocs with membership confidences,
// bridging actors, the signed network's ties and the stances toward each
// initiative with their evidence spans (article ID and byte offsets into
// that article's text). It comes after the story records, one per export.
type AlignmentRecord struct {
	Type string `json:"type"`
	alignments.Result
}

// NewAlignmentRecord wraps an analysis result.
func NewAlignmentRecord(r alignments.Result) AlignmentRecord {
	if r.Blocs == nil {
		r.Blocs = []alignments.Bloc{}
	}
	if r.Bridges == nil {
		r.Bridges = []alignments.Bridge{}
	}
	if r.Initiatives == nil {
		r.Initiatives = []alignments.InitiativeStances{}
	}
	if r.Network.Nodes == nil {
		r.Network.Nodes = []string{}
	}
	if r.Relations == nil {
		r.Relations = []alignments.Relation{}
	}
	if r.Network.Edges == nil {
		r.Network.Edges = []alignments.Edge{}
	}
	return AlignmentRecord{Type: "alignment", Result: r}
}

// encodeAlignment analyses an input over all dates and writes its
// alignment record, if it has any actor tie.
func encodeAlignment(in alignments.Input, enc *json.Encoder) error {
	r := alignments.Analyze(in, alignments.Options{})
	if len(r.Network.Nodes) == 0 {
		return nil
	}
	if err := enc.Encode(NewAlignmentRecord(r)); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
