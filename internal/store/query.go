package store

import (
	"context"
	"errors"
	"time"

	"github.com/sitrep/sitrep/internal/model"
)

// This file is the read side used by the web UI, the HTTP API and the
// exports: filtered, paged queries over the annotation tables. Every filter
// value a user typed reaches the database only as a query parameter.

// ErrBadFilter is returned (wrapped) when a filter value is malformed: a
// date that is not YYYY-MM-DD, a negative offset, an unknown quad class.
// Callers serving users map it to "400 Bad Request"; test with errors.Is.
var ErrBadFilter = errors.New("store: bad filter")

// Paging limits. A Page's Limit of 0 means DefaultLimit; larger limits are
// cut to MaxLimit.
const (
	DefaultLimit = 50
	MaxLimit     = 500
	// MaxFilterLen is the longest filter value accepted, in bytes; longer
	// values are ErrBadFilter.
	MaxFilterLen = 256
	// MaxMatches caps MatchingArticleIDs.
	MaxMatches = 100000
)

// Page is a window into an ordered result: Limit records from Offset.
type Page struct {
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// Norm returns p with Limit defaulted and capped, or ErrBadFilter when a
// field is negative.
func (p Page) Norm() (Page, error) {
	if p.Limit < 0 || p.Offset < 0 {
		return p, errors.Join(ErrBadFilter, errors.New("negative limit or offset"))
	}
	if p.Limit == 0 {
		p.Limit = DefaultLimit
	}
	p.Limit = min(p.Limit, MaxLimit)
	return p, nil
}

// EventFilter selects events. Zero fields do not filter; set fields are
// ANDed.
type EventFilter struct {
	// Actor matches events whose source or target has this actor code.
	Actor string
	// Source and Target match the directed dyad's codes.
	Source, Target string
	// From and To bound the event date, YYYY-MM-DD, inclusive. Undated
	// events are left out when either is set.
	From, To string
	// CAMEO matches a code or a code prefix: "12" is the root (every
	// rejection), "125" one code.
	CAMEO string
	// PLOVER matches the PLOVER type ("REJECT").
	PLOVER string
	// Quad matches the quad class, 1 to 4.
	Quad int
	// Article matches one article's events; Articles the events of any of
	// them (a story's members).
	Article  string
	Articles []string
	Page
}

// EventHit is one event with the article it was read from.
type EventHit struct {
	Article   string      `json:"article"`
	Title     string      `json:"title"`
	Outlet    string      `json:"outlet"`
	Published string      `json:"published"`
	URL       string      `json:"url"`
	Event     model.Event `json:"event"`
}

// EventResult is one page of events, newest first (undated last), with
// the number of events matching the filter on all pages.
type EventResult struct {
	Events []EventHit
	Total  int
}

// ArticleFilter selects articles.
type ArticleFilter struct {
	// Query is plain words for full-text search (see Store.Search); when
	// set, results are ordered by relevance instead of date.
	Query string
	// From and To bound the publication date, YYYY-MM-DD, inclusive.
	From, To string
	// Actor keeps articles with a mention resolved to the actor code.
	Actor string
	// Outlet keeps one outlet's articles.
	Outlet string
	// IDs keeps only these articles (a story's members).
	IDs []string
	Page
}

// ArticleSummary is an article's metadata and annotation counts.
type ArticleSummary struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	URL       string `json:"url"`
	// Snippet is a plain-text excerpt around a search match, "" without a
	// query.
	Snippet  string `json:"snippet,omitempty"`
	Mentions int    `json:"mentions"`
	Quotes   int    `json:"quotes"`
	Events   int    `json:"events"`
}

// ArticleResult is one page of articles with the total number matching.
type ArticleResult struct {
	Articles []ArticleSummary
	Total    int
}

// QuoteFilter selects quotes.
type QuoteFilter struct {
	// Speaker matches the speaker's canonical name exactly.
	Speaker string
	// Actor matches the speaker's actor code.
	Actor string
	// Article and Articles restrict to articles, as in EventFilter.
	Article  string
	Articles []string
	Page
}

// QuoteHit is one quote with its article.
type QuoteHit struct {
	Article   string      `json:"article"`
	Outlet    string      `json:"outlet"`
	Published string      `json:"published"`
	Quote     model.Quote `json:"quote"`
}

// QuoteResult is one page of quotes, by speaker then date, with the total.
type QuoteResult struct {
	Quotes []QuoteHit
	Total  int
}

// ActorFilter selects actor codes.
type ActorFilter struct {
	// Prefix keeps codes starting with it (case-sensitive, codes are upper
	// case).
	Prefix string
	// Code keeps only this exact code.
	Code string
	// Articles restricts counts to these articles.
	Articles []string
	Page
}

// ActorSummary counts what the store says about one actor code.
type ActorSummary struct {
	Code string `json:"code"`
	// Mentions and Articles count its resolved mentions and the articles
	// they are in.
	Mentions int `json:"mentions"`
	Articles int `json:"articles"`
	// AsSource and AsTarget count the events it takes part in.
	AsSource int `json:"as_source"`
	AsTarget int `json:"as_target"`
	// Quotes counts quotes whose speaker has this code.
	Quotes int `json:"quotes"`
}

// ActorResult is one page of actors, most mentioned first, with the total.
type ActorResult struct {
	Actors []ActorSummary
	Total  int
}

// DyadFilter selects the events aggregated into dyads.
type DyadFilter struct {
	// Actor keeps dyads it is part of.
	Actor string
	// Articles restricts to these articles' events.
	Articles []string
	// From and To bound event dates as in EventFilter.
	From, To string
	// Limit caps the number of dyads (0: DefaultLimit, at most MaxLimit);
	// the dyads with most events are kept.
	Limit int
}

// Dyad aggregates the events from one source code to one target code.
// Events without a resolved target are not dyadic and are left out.
type Dyad struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Events int    `json:"events"`
	// Goldstein is the summed Goldstein score: positive is cooperation.
	Goldstein float64 `json:"goldstein"`
	// Quads counts events by quad class: Quads[0] verbal cooperation ...
	// Quads[3] material conflict.
	Quads [4]int `json:"quads"`
}

// DateCount counts events of one date and quad class.
type DateCount struct {
	Date      string  `json:"date"`
	Quad      int     `json:"quad"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein"`
}

// Querier is the read side of a store: filtered, paged queries for the web
// UI, the HTTP API and the exports. Implementations are safe for concurrent
// use and never write. Malformed filter values give an error wrapping
// ErrBadFilter; values that match nothing give an empty result.
type Querier interface {
	// QueryArticles returns a page of article summaries: by relevance when
	// the filter has a Query, else newest first (undated last).
	QueryArticles(ctx context.Context, f ArticleFilter) (ArticleResult, error)
	// MatchingArticleIDs returns the IDs of every article the filter keeps
	// (paging ignored), in ingest order; at most MaxMatches.
	MatchingArticleIDs(ctx context.Context, f ArticleFilter) ([]string, error)
	// QueryEvents returns a page of events, newest first.
	QueryEvents(ctx context.Context, f EventFilter) (EventResult, error)
	// EventByID returns one event by its ID ("<article>-e<n>");
	// ErrNotFound if absent.
	EventByID(ctx context.Context, id string) (EventHit, error)
	// QueryQuotes returns a page of quotes.
	QueryQuotes(ctx context.Context, f QuoteFilter) (QuoteResult, error)
	// QueryActors returns a page of actor codes with their counts.
	QueryActors(ctx context.Context, f ActorFilter) (ActorResult, error)
	// Dyads aggregates events into directed dyads, most events first.
	Dyads(ctx context.Context, f DyadFilter) ([]Dyad, error)
	// EventCounts counts the filtered events by date and quad class, in
	// date order; undated events are left out and paging is ignored.
	EventCounts(ctx context.Context, f EventFilter) ([]DateCount, error)
}

// ValidDate reports whether s is a calendar date written YYYY-MM-DD.
func ValidDate(s string) bool {
	if len(s) != 10 {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
