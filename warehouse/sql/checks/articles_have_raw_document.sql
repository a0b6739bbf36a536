-- articles_have_raw_document: every article was cleaned from a document kept in the raw zone's table.
SELECT a.article_id, a.revision, a.raw_id FROM articles a ANTI JOIN raw_documents r ON r.raw_id = a.raw_id
