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
	an := newAnnotation(a)
	for i := range stages {
		an.step(stages, i, budget)
	}
	an.finish()
}

// annotation is one article's way through the stages. Stages may run on
// several articles in turn, stage by stage (see processBatch): the
// article's budget counts the time of its own stages only.
type annotation struct {
	a           *model.Article
	english     bool
	spent       time.Duration
	skippedLang []string
	stopped     bool // the budget is used up
}

func newAnnotation(a *model.Article) *annotation {
	return &annotation{a: a, english: a.Language == "" || a.Language == "en"}
}

// step runs stage i of stages on the article, unless the article's budget
// is used up (then it records which stages were not run and stops).
func (an *annotation) step(stages []Stage, i int, budget time.Duration) {
	if an.stopped {
		return
	}
	if budget > 0 && an.spent > budget {
		names := make([]string, 0, len(stages)-i)
		for _, s := range stages[i:] {
			names = append(names, s.Name)
		}
		an.a.Diagnostics = append(an.a.Diagnostics, model.Diagnostic{Severity: model.Warning, Stage: "pipeline", Code: "time-budget",
			Message: fmt.Sprintf("article used its processing budget of %s; stages not run: %s", budget, strings.Join(names, ", "))})
		an.stopped = true
		return
	}
	st := stages[i]
	if st.EnglishOnly && !an.english {
		an.skippedLang = append(an.skippedLang, st.Name)
		return
	}
	start := time.Now()
	an.a.Diagnostics = append(an.a.Diagnostics, st.Run(an.a)...)
	an.spent += time.Since(start)
}

// finish records the stages skipped for the article's language.
func (an *annotation) finish() {
	if an.stopped || len(an.skippedLang) == 0 {
		return
	}
	an.a.Diagnostics = append(an.a.Diagnostics, model.Diagnostic{Severity: model.Warning, Stage: "pipeline", Code: "language-skip",
		Message: fmt.Sprintf("article language is %q; English-only stages not run: %s", an.a.Language, strings.Join(an.skippedLang, ", "))})
}
