"""The admin dashboard: `/kindred dashboard` gives an admin a one-time link; `/admin` pages in the browser."""
