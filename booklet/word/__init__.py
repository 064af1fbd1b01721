"""Word: the DOCX writer and reader sharing one style map.

    styles.py     the style map: every style name per block kind and component field, the
                  level heading, and the names of the stamp's and the template's properties
    looks.py      the brand's looks of those styles (fonts, sizes, colours from the Brand)
    ooxml.py      raw WordprocessingML: schema order, fields, numbering, clean-up, the zip
    writer.py     DocxWriter: the model walked into a document (fonts.py, notes.py, pictures.py)
    stamp.py      what a DOCX was made from, as custom document properties
    template.py   the Word template a director writes a new publication in (`skabelon`)
    reader.py     a Word document read into the model (safety.py checks the file first)
"""
