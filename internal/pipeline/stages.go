package pipeline

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/events"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/quotes"
	"github.com/sitrep/sitrep/internal/syntax"
	"github.com/sitrep/sitrep/internal/timex"
)

// Stage is one annotation stage run on a segmented article: parsing, time
// expressions, actors, quotes, events. Stages run in order, each seeing
// what the earlier ones added.
type Stage struct {
	// Name names the stage in diagnostics ("syntax", "actors"...).
	Name string
	// EnglishOnly marks stages whose models and rules are for English; they
	// are skipped, with one diagnostic, on articles in another language.
	EnglishOnly bool
	// Run annotates a in place and returns diagnostics to record on it.
	Run func(a *model.Article) []model.Diagnostic
}

// DefaultBudget is the processing time allowed per article when
// Options.Budget is 0.
const DefaultBudget = 20 * time.Second

var (
	defaultOnce   sync.Once
	defaultStages []Stage
	defaultErr    error
)

// DefaultStages returns the stages sitrep runs on every article, in order,
// loading their models once per process. The stages are safe for
// concurrent use.
func DefaultStages() ([]Stage, error) {
	defaultOnce.Do(func() { defaultStages, defaultErr = NewStages(StageConfig{}) })
	return defaultStages, defaultErr
}

// StageConfig adds user-supplied resources to the standard stages.
type StageConfig struct {
	// ActorDicts are actor and agent dictionaries (PETRARCH/Phoenix
	// format, see actors.LoadPhoenix) consulted besides the built-in
	// knowledge base.
	ActorDicts []*actors.Dict
	// MaxParseTokens caps the tokens the parser takes as one tree; longer
	// sentences are parsed in chunks with a diagnostic. 0 means
	// syntax.DefaultMaxTokens.
	MaxParseTokens int
}

// NewStages assembles the standard stage list: syntax, time expressions,
// actors, quotes, events. Each stage reads what the ones before it added.
// The built-in models are loaded once per process whatever the config.
func NewStages(cfg StageConfig) ([]Stage, error) {
	parser, err := syntax.Default()
	if err != nil {
		return nil, fmt.Errorf("syntax model: %w", err)
	}
	kb, err := actors.Default()
	if err != nil {
		return nil, fmt.Errorf("actor knowledge base: %w", err)
	}
	resolver := actors.NewResolver(kb, cfg.ActorDicts...)
	coder, err := events.Default()
	if err != nil {
		return nil, fmt.Errorf("event coder: %w", err)
	}
	return []Stage{
		{Name: "syntax", EnglishOnly: true, Run: func(a *model.Article) []model.Diagnostic {
			return parser.AnnotateWith(a, syntax.Options{MaxTokens: cfg.MaxParseTokens})
		}},
		{Name: "timex", EnglishOnly: true, Run: func(a *model.Article) []model.Diagnostic {
			timex.Annotate(a)
			return nil
		}},
		{Name: "actors", EnglishOnly: true, Run: func(a *model.Article) []model.Diagnostic {
			resolver.Annotate(a)
			return nil
		}},
		{Name: "quotes", EnglishOnly: true, Run: func(a *model.Article) []model.Diagnostic {
			quotes.Annotate(a)
			return nil
		}},
		{Name: "events", EnglishOnly: true, Run: coder.Annotate},
	}, nil
}

// annotate runs stages on a, skipping English-only stages on other
// languages and every stage once the article has used its time budget.
func annotate(a *model.Article, stages []Stage, budget time.Duration) {
	if len(stages) == 0 {
		return
	}
	start := time.Now()
	english := a.Language == "" || a.Language == "en"
	var skippedLang []string
	for i, st := range stages {
		if budget > 0 && time.Since(start) > budget {
			names := make([]string, 0, len(stages)-i)
			for _, s := range stages[i:] {
				names = append(names, s.Name)
			}
			a.Diagnostics = append(a.Diagnostics, model.Diagnostic{Severity: model.Warning, Stage: "pipeline", Code: "time-budget",
				Message: fmt.Sprintf("article used its processing budget of %s; stages not run: %s", budget, strings.Join(names, ", "))})
			return
		}
		if st.EnglishOnly && !english {
			skippedLang = append(skippedLang, st.Name)
			continue
		}
		a.Diagnostics = append(a.Diagnostics, st.Run(a)...)
	}
	if len(skippedLang) > 0 {
		a.Diagnostics = append(a.Diagnostics, model.Diagnostic{Severity: model.Warning, Stage: "pipeline", Code: "language-skip",
			Message: fmt.Sprintf("article language is %q; English-only stages not run: %s", a.Language, strings.Join(skippedLang, ", "))})
	}
}
