namespace YoloGen.Prediction;

/// <summary>One detected object in original image pixels.</summary>
public sealed record Detection(int Class, string Name, float Confidence, float X1, float Y1, float X2, float Y2);

/// <summary>The detections of one image.</summary>
public sealed record ImagePrediction(string File, int Width, int Height, IReadOnlyList<Detection> Detections);
