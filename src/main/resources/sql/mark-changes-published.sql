update change_publisher set last_seq = cast(:#${exchangeProperty.publishedThrough} as bigint) where id = 1
