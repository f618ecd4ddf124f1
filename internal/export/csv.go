package export

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// CSVColumns is the header of WriteCSV.
var CSVColumns = []string{
	"event_id", "merged_id", "article", "outlet", "published", "url",
	"date", "date_precision", "date_basis",
	"source", "source_sector", "source_name", "source_text",
	"target", "target_sector", "target_name", "target_text",
	"cameo", "root", "plover", "mode", "quad", "goldstein", "negated", "modality",
	"trigger", "location", "reports", "articles", "corroboration",
	"evidence_start", "evidence_end", "evidence",
}

// WriteCSV writes one row per real-world event (as WritePLOVER chooses
// them) with a header line, RFC 4180 quoting. Offsets are bytes into the
// article's clean text; evidence is the sentence itself. reports,
// articles and corroboration are 1, 1, 1 for an event no story merged.
func WriteCSV(ctx context.Context, st store.Store, w io.Writer, ai ActorInfo) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVColumns); err != nil {
		return err
	}
	row := make([]string, len(CSVColumns))
	err := eachEvent(ctx, st, func(a *model.Article, e model.Event, m *model.MergedEvent) error {
		mergedID, date := "", e.Date
		reports, articles, corr := 1, 1, 1
		if m != nil {
			mergedID = m.ID
			if m.Date != "" {
				date = m.Date
			}
			reports, articles, corr = len(m.Reports), len(m.Articles), m.Corroboration
		}
		row = append(row[:0], e.ID, mergedID, a.ID, a.Outlet, a.Published, a.URL,
			date, e.DatePrecision, e.DateBasis,
			e.Source.Code, e.Source.Sector, ai.name(e.Source.Code), e.Source.Text,
			e.Target.Code, e.Target.Sector, ai.name(e.Target.Code), e.Target.Text,
			e.CAMEO, e.Root, e.PLOVER, e.Mode, strconv.Itoa(e.Quad), strconv.FormatFloat(e.Goldstein, 'f', 1, 64),
			strconv.FormatBool(e.Negated), e.Modality,
			e.Trigger, e.Location, strconv.Itoa(reports), strconv.Itoa(articles), strconv.Itoa(corr),
			strconv.Itoa(e.Span.Start), strconv.Itoa(e.Span.End), e.Span.In(a.Text))
		return cw.Write(row)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
