package io.callbridge.dispatch.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Expression;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Results;
import io.quarkus.qute.WithPriority;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.function.UnaryOperator;

/**
 * How a request body is written, and so how each value put into it is escaped: a form (URL-encoded), JSON (a JSON
 * string's content, the template writes the quotes; JSON-RPC is JSON), or XML (a SOAP envelope).
 */
public enum BodyFormat {

    FORM("application/x-www-form-urlencoded", UrlEncodingResultMapper::encode) {
        @Override
        void requireWellFormed(String sample) {
            // Any text is a form.
        }
    },
    JSON("application/json", value -> new String(JsonStringEncoder.getInstance().quoteAsString(value))) {
        @Override
        void requireWellFormed(String sample) {
            try {
                new ObjectMapper().readTree(sample);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("does not render JSON: " + e.getOriginalMessage(), e);
            }
        }
    },
    XML("text/xml; charset=utf-8", BodyFormat::escapeXml) {
        @Override
        void requireWellFormed(String sample) {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setNamespaceAware(true);
                var builder = factory.newDocumentBuilder();
                // The parse fails with the error; the default handler would also print it.
                builder.setErrorHandler(new DefaultHandler());
                builder.parse(new InputSource(new StringReader(sample)));
            } catch (SAXException | IOException | ParserConfigurationException e) {
                throw new IllegalArgumentException("does not render well-formed XML: " + e.getMessage(), e);
            }
        }
    };

    private final String contentType;
    private final UnaryOperator<String> escape;

    BodyFormat(String contentType, UnaryOperator<String> escape) {
        this.contentType = contentType;
        this.escape = escape;
    }

    public String contentType() {
        return contentType;
    }

    /** @throws IllegalArgumentException when the sample rendering is not of this format */
    abstract void requireWellFormed(String sample);

    ResultMapper escaping() {
        return new ResultMapper() {
            @Override
            public int getPriority() {
                return WithPriority.DEFAULT_PRIORITY + 100;
            }

            @Override
            public String map(Object result, Expression expression) {
                return Results.isNotFound(result) ? "" : escape.apply(result.toString());
            }
        };
    }

    private static String escapeXml(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
