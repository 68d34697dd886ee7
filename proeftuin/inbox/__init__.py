"""The coach's inbox: what waits for the coach in their pilots, and its weekly digest."""
