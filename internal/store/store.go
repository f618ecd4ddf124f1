package store

import (
	"context"
	"errors"

	"github.com/sitrep/sitrep/internal/model"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("store: not found")

// PutResult says what happened to one article handed to PutArticles.
type PutResult struct {
	// ID is the article's ID (equal to the stored one for duplicates).
	ID string
	// Created is false when an article with the same content hash was
	// already stored, or came earlier in the same batch; nothing was
	// written for it.
	Created bool
}

// SearchHit is one full-text search result.
type SearchHit struct {
	ID    string
	Title string
	// Snippet is a short excerpt around the match, plain text.
	Snippet string
	// Rank scores relevance: higher is better. Its scale is the backend's
	// own, so ranks compare only within one result list.
	Rank float64
}

// StoryUpdate is one atomic change to the stored stories. Stories and
// merged events are upserted by ID (a story's article list is replaced
// whole); the IDs in Deleted and DeletedMerged are removed; links are
// upserted by article. Index, when not nil, replaces the stored index
// state.
type StoryUpdate struct {
	Stories       []model.Story
	Deleted       []string
	Links         []model.DuplicateLink
	Merged        []model.MergedEvent
	DeletedMerged []string
	Index         []byte
}

// Stats counts what a store holds.
type Stats struct {
	Articles   int
	Paragraphs int
	Sentences  int
	Tokens     int
	Timexes    int
	Mentions   int
	Quotes     int
	Events     int
	// Stories counts event clusters and storylines; Merged merged events.
	Stories int
	Merged  int
}

// Store persists processed articles.
//
// Implementations are safe for concurrent use by several goroutines. Values
// passed in are not retained after a call returns; values returned belong to
// the caller. Article order everywhere is ingest order: the order in which
// articles were first stored.
type Store interface {
	// PutArticles stores a batch atomically: either every new article of the
	// batch is committed or none is. Articles whose ContentHash is already
	// stored (or repeated within the batch) are skipped and reported with
	// Created false. Results are in the order of the input.
	//
	// The whole batch fails, with nothing stored, when ctx ends first, when
	// an article is nil or has an empty ID or ContentHash, or when an
	// article's ID is already taken by an article with another content
	// hash (stored, or earlier in the batch).
	PutArticles(ctx context.Context, arts []*model.Article) ([]PutResult, error)
	// Article returns the stored article with all its fields, including
	// Raw, paragraphs, sentences, tokens, diagnostics and the annotations
	// (time expressions, mentions, quotes, events); ErrNotFound if absent (test with
	// errors.Is). Empty slices may come back nil. Token.Syntax is not
	// stored and comes back nil: the parse is an intermediate result that
	// the shipped model recomputes from the text.
	Article(ctx context.Context, id string) (*model.Article, error)
	// HasContent reports whether an article with this content hash exists.
	HasContent(ctx context.Context, contentHash string) (bool, error)
	// ArticleIDs returns every article ID in ingest order.
	ArticleIDs(ctx context.Context) ([]string, error)
	// Search runs a full-text query over titles and texts and returns at
	// most limit hits, best first. The query is plain words, all of which
	// must match; operators and quoting of the backend's query language are
	// not interpreted. A query without words or a limit <= 0 returns no hits
	// and no error.
	Search(ctx context.Context, query string, limit int) ([]SearchHit, error)
	// Stats counts stored records.
	Stats(ctx context.Context) (Stats, error)

	// PutStories applies one update of the cross-article results (stories,
	// copy links, merged events, the story index's state) atomically.
	PutStories(ctx context.Context, u StoryUpdate) error
	// Stories returns every stored story, storylines and event clusters,
	// in the order they were first stored.
	Stories(ctx context.Context) ([]model.Story, error)
	// Story returns one story; ErrNotFound if absent.
	Story(ctx context.Context, id string) (*model.Story, error)
	// MergedEvents returns the merged events of one event cluster, or of
	// every story when story is "", ordered by date, source, target, ID.
	MergedEvents(ctx context.Context, story string) ([]model.MergedEvent, error)
	// DuplicateLinks returns every copy link, ordered by article ingest
	// order.
	DuplicateLinks(ctx context.Context) ([]model.DuplicateLink, error)
	// StoryIndex returns the story index state last stored, or nil.
	StoryIndex(ctx context.Context) ([]byte, error)
	// Close releases the store. It must be called once; no other method may
	// be called after it.
	Close() error
}
