"""Generic CMS pages and blocks: home, regions, standard pages, sitemap."""
