"""Package data: the list of Dutch municipalities (``gemeenten.txt``)."""
