package io.ggen.ffi.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Keeps every recording (root spans marked {@link RecordingImpl#ROOT_ATTRIBUTE}); otherwise
 * follows the parent, and samples new traces at the configured ratio.
 */
final class RecordingSampler implements Sampler {

    private static final AttributeKey<Boolean> ROOT = AttributeKey.booleanKey(RecordingImpl.ROOT_ATTRIBUTE);

    private final Sampler otherwise;

    RecordingSampler(double ratio) {
        this.otherwise = Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        if (Boolean.TRUE.equals(attributes.get(ROOT))) {
            return SamplingResult.recordAndSample();
        }
        return otherwise.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }

    @Override
    public String getDescription() {
        return "GgenRecordings{" + otherwise.getDescription() + "}";
    }
}
