"""The annual report of the regie: one year, as JSON, HTML, PDF or spreadsheet."""
