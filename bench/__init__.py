"""The scale benchmark of `make bench` (see bench/README.md); not part of the deployed app."""
