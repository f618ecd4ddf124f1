package webpage

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestExtractHuge checks that a page at the size cap, full of inline
// junctions, is extracted in reasonable time.
var hugeSize = DefaultMaxBytes + 1000

func TestExtractHuge(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	var sb strings.Builder
	sb.WriteString("<html><body><article>")
	for i := 0; sb.Len() < hugeSize; i++ {
		fmt.Fprintf(&sb, "<p>Paragraph %d says <b>that</b>, <i>in</i> <a href='/x%d'>fact</a>, the <span>w</span>ord count grows.</p>\n", i, i)
	}
	sb.WriteString("</article></body></html>")
	start := time.Now()
	p, err := Extract(sb.String(), Options{})
	el := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes: %d blocks in %v", sb.Len(), len(p.Blocks), el)
	if !p.Truncated {
		t.Error("not truncated")
	}
	if len(p.Blocks) < 1000 {
		t.Fatalf("only %d blocks", len(p.Blocks))
	}
	if got, want := p.Blocks[5].Text, "Paragraph 5 says that, in fact, the word count grows."; got != want {
		t.Errorf("block 5 = %q, want %q", got, want)
	}
}
