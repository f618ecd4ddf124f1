package syntax

import (
	"strings"
	"testing"
	"time"
)

// TestPunctFixer re-attaches punctuation in hand-made trees.
func TestPunctFixer(t *testing.T) {
	tests := []struct {
		text  string
		heads []int // parsed heads, -1 for the root
		want  []int
	}{
		// "France , Britain and Italy agreed ." with the comma hanging
		// from "agreed" and the full stop from "Italy": the comma goes to
		// the next conjunct, the stop to the root word.
		{"France , Britain and Italy agreed .",
			[]int{5, 5, 0, 4, 0, -1, 4},
			[]int{5, 2, 0, 4, 0, -1, 5}},
		// Quotes go to the head of what they enclose.
		{"He said “ no deal ” today .",
			[]int{1, -1, 0, 4, 1, 1, 1, 1},
			[]int{1, -1, 4, 4, 1, 4, 1, 1}},
		// A mark with a child gives it to its own head first; the comma
		// then takes the lower of its neighbours' highest projective
		// heads.
		{"Yes , they agreed",
			[]int{3, 3, 1, -1},
			[]int{3, 0, 3, -1}},
	}
	var f punctFixer
	for _, tc := range tests {
		forms := strings.Fields(tc.text)
		n := len(forms)
		heads := make([]int, n)
		punct := make([]bool, n)
		for i, h := range tc.heads {
			heads[i] = h
			if h < 0 {
				heads[i] = n
			}
			punct[i] = strings.ContainsAny(forms[i], ",.“”")
		}
		f.fix(heads, punct, forms, nil)
		for i, h := range tc.want {
			if h < 0 {
				h = n
			}
			if heads[i] != h {
				t.Errorf("%q: %s has head %d, want %d", tc.text, forms[i], heads[i], h)
			}
		}
	}
}

// TestPunctFixerBounded gives the fixer a sentence of nothing but marks
// in a chain, its worst shape: it must stay fast and leave a tree.
func TestPunctFixerBounded(t *testing.T) {
	n := maxPunctWords
	forms := make([]string, n)
	heads := make([]int, n)
	punct := make([]bool, n)
	for i := range forms {
		forms[i] = "!"
		heads[i] = i + 1 // a chain to the root token
		punct[i] = true
	}
	var f punctFixer
	start := time.Now()
	f.fix(heads, punct, forms, nil)
	if d := time.Since(start); d > time.Second {
		t.Errorf("%d marks took %v", n, d)
	}
	roots := 0
	for i, h := range heads {
		if h == n {
			roots++
		}
		for k, x := 0, i; x < n; k, x = k+1, heads[x] {
			if k > n {
				t.Fatalf("cycle through %d", i)
			}
		}
	}
	if roots != 1 {
		t.Errorf("%d roots", roots)
	}
}
