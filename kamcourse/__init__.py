"""kamcourse: an interactive course and workbook on Key Account Management and Planning."""
__version__ = "0.1.0"
