"""The site's plumbing: middleware, the client's address, API base classes, health."""
