<?php // Catalog, patched by the distribution for 2.4.7
