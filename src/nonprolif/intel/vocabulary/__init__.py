"""The deployment's vocabularies of intelligence: the classification levels and the CBRN
taxonomies (categories, materials and agents), kept by administrators."""
