"""The forms of the fund's pages in the treasurers' area."""
