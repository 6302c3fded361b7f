"""PDFs of regulations, study materials and work plans, laid out after GB/T 9704-2012.

Made from the pages a build rendered for its audience (``paper``), by WeasyPrint with the
site's own print stylesheet (``writer``), for the documents that audience may read
(``export``). Only a build's output is ever printed, so a PDF shows what the page shows.
"""
