"""Regional foresight: a region's skill demand against its people's skills (issue 16)."""
