package io.midtier.api;

import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;

/** Strong entity tags from the entry version, and the {@code If-None-Match} check of a conditional GET. */
public class EntityTags {

    public String etag(Object version) {
        return "\"" + version + "\"";
    }

    /** True when the client's copy is current: {@code If-None-Match} lists the entry's tag (weak or not) or {@code *}. */
    public boolean notModified(@Header("If-None-Match") String ifNoneMatch, @Body Map<?, ?> entry) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank() || entry == null || entry.get("version") == null) {
            return false;
        }
        String current = etag(entry.get("version"));
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*") || t.equals(current) || t.equals("W/" + current)) {
                return true;
            }
        }
        return false;
    }
}
